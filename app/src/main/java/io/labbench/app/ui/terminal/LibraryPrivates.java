package io.labbench.app.ui.terminal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Private fields and methods of JediTermFX that the panes' fast paths use ({@link ScrollingScreenLines},
 * {@link UndecodedWrite}, {@link NewLineScroll}, {@link ScrollbackTrimmer}), reached through a private lookup, which the app may do because it runs from the class
 * path (the jpackage installer puts every jar there).
 *
 * <p>A fast path needs all of its members or none: {@link #reach} looks them up together, once per class, and
 * gives nothing (with one log line naming what the terminals fall back to) if any is missing, e.g. with another
 * library version or on a module path.
 */
final class LibraryPrivates {

    private LibraryPrivates() {
    }

    /** Looks up the members a fast path needs. */
    @FunctionalInterface
    interface Lookup<T> {
        T find() throws ReflectiveOperationException;
    }

    /**
     * What {@code lookup} finds, or empty (logged at INFO under {@code user}'s name with {@code fallback}, which says
     * what the terminals do instead) if a member is out of reach. The logger is fetched only then: the users run
     * before the first frame, and the first java.util.logging use looks for a logging back-end in every jar
     * (DesktopLauncher says which thread does that instead).
     */
    static <T> Optional<T> reach(Class<?> user, String fallback, Lookup<T> lookup) {
        try {
            return Optional.of(lookup.find());
        } catch (ReflectiveOperationException | RuntimeException unreachable) {
            Logger.getLogger(user.getName()).log(Level.INFO, fallback, unreachable);
            return Optional.empty();
        }
    }

    /** The private field {@code name} of {@code owner}, of type {@code type}. */
    static VarHandle field(Class<?> owner, String name, Class<?> type) throws ReflectiveOperationException {
        return lookupIn(owner).findVarHandle(owner, name, type);
    }

    /** The private instance method {@code name} of {@code owner}. */
    static MethodHandle method(Class<?> owner, String name, MethodType type) throws ReflectiveOperationException {
        return lookupIn(owner).findVirtual(owner, name, type);
    }

    private static MethodHandles.Lookup lookupIn(Class<?> owner) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
    }
}
