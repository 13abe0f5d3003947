package io.labbench.app.ui.startup;

import com.sun.jna.platform.unix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks JavaFX's software renderer up front on a machine with no graphics device, instead of letting JavaFX
 * find that out itself.
 *
 * <p>Why: JavaFX tries its OpenGL pipeline first. Without a GPU (a VM, a cloud desktop, Xvfb) Mesa answers
 * with its software rasteriser, llvmpipe, which JavaFX rejects ("Failed Graphics Hardware Qualifier check",
 * {@code -Dprism.verbose=true}) and falls back to its own software pipeline. The window then draws exactly
 * as it would with {@code prism.order=sw}, but the probe has already loaded Mesa with LLVM (about 50 MB
 * resident), started llvmpipe's threads and kept their allocations, for nothing. With no {@code /dev/dri}
 * render or card node and no NVIDIA device there is no hardware OpenGL to find, so LabBench asks for the
 * software pipeline directly. A machine with a GPU device keeps JavaFX's own choice, as does a
 * {@code -Dprism.order} the user set.
 *
 * <p>GTK loads the same Mesa once more on its own: when it opens the display it asks OpenGL which X visuals
 * suit GL (for GTK's GL widgets, which JavaFX never uses). {@code GDK_GL=disable} skips that, so on such a
 * machine it is set in this process's environment too (through JNA's libc, already loaded for pty4j), before
 * JavaFX starts GTK; a value the user set wins. AppMemoryBenchmark, same run: see README.
 */
public final class RenderingPipeline {

    /** The system property JavaFX reads its pipeline order from (read when the toolkit starts). */
    static final String ORDER_PROPERTY = "prism.order";
    /** The environment variable that stops GTK probing OpenGL when it opens the display. */
    static final String GTK_GL_VARIABLE = "GDK_GL";

    private RenderingPipeline() {
    }

    /** Sets {@code prism.order=sw} when {@link #softwareOnly(Path)} says so; call before the toolkit starts. */
    public static void chooseBeforeToolkitStarts() {
        if (System.getProperty(ORDER_PROPERTY) == null && softwareOnly(Path.of("/dev")).isPresent()) {
            System.setProperty(ORDER_PROPERTY, "sw");
            disableGtkGl();
        }
    }

    /**
     * Why only software rendering is possible on the machine whose device folder is {@code dev}, or empty when a
     * graphics device is there (or on a system that is not Linux, where JavaFX's choice stands).
     */
    static Optional<String> softwareOnly(Path dev) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        if (hasEntryStartingWith(dev.resolve("dri"), "card", "renderD") || hasEntryStartingWith(dev, "nvidia")) {
            return Optional.empty();
        }
        return Optional.of("no graphics device in " + dev.resolve("dri") + " and no " + dev.resolve("nvidia*"));
    }

    private static void disableGtkGl() {
        if (System.getenv(GTK_GL_VARIABLE) != null) {
            // set by the user, or by ./labbench, which makes the same device check: a value set stays, and JNA's
            // start (its class set-up and native library, ~0.1 s of CPU on the main thread before the toolkit
            // can start) is not needed for it
            return;
        }
        try {
            LibC.INSTANCE.setenv(GTK_GL_VARIABLE, "disable", 0);
        } catch (LinkageError noNativeAccess) {
            // without JNA's native part GTK probes OpenGL as before: more memory, the same window
        }
    }

    private static boolean hasEntryStartingWith(Path folder, String... prefixes) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .anyMatch(name -> Stream.of(prefixes).anyMatch(name::startsWith));
        } catch (IOException unreadable) {
            // a folder we may not list: assume a device is there and leave the choice to JavaFX
            return true;
        }
    }
}
