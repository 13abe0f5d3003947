package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.emulator.charset.CharacterSet;
import com.techsenger.jeditermfx.core.emulator.charset.GraphicSetState;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Writes text into a {@link JediTerminal} past its character-set decoding, for text that decoding would
 * return unchanged.
 *
 * <p>Why: JediTermFX 1.0.0's {@code writeCharacters} first NFC-normalises the text, then maps it char by
 * char through the G0-G3 graphic sets into a default-size {@code StringBuilder} (grown by copying) and
 * copies that into a {@code char[]} for its private {@code writeDecodedCharacters}: about a sixth of the
 * emulator's time on plain output. With US-ASCII in GL and no single shift pending (what a shell
 * leaves, unless it draws DEC line graphics), printable ASCII maps to itself; chars from U+00A0 to
 * U+02FF are passed through (the library ignores GR) and NFC leaves them as they are, alone and next to
 * each other (checked exhaustively in the tests). For such text the private write gets the chars as
 * they are.
 *
 * <p>The library keeps both the graphic-set state and that write private. They are reached once per
 * class through {@link LibraryPrivates}. If that fails (another library version, a module path), every
 * write takes the library's own path.
 */
final class UndecodedWrite {

    /** {@code JediTerminal.writeDecodedCharacters(char[])} and {@code JediTerminal.myGraphicSetState}. */
    private record Privates(MethodHandle writeDecoded, VarHandle graphicSets) {
    }

    /** Null if the library's private parts cannot be reached. */
    private static final Privates PRIVATES = LibraryPrivates.reach(UndecodedWrite.class,
            "JediTermFX's decoded write is out of reach; terminals take its own path",
            () -> new Privates(
                    LibraryPrivates.method(JediTerminal.class, "writeDecodedCharacters",
                            MethodType.methodType(void.class, char[].class)),
                    LibraryPrivates.field(JediTerminal.class, "myGraphicSetState", GraphicSetState.class)))
            .orElse(null);
    /** Static finals, so that the compiler inlines the write as a direct call. */
    private static final MethodHandle WRITE_DECODED = PRIVATES == null ? null : PRIVATES.writeDecoded();
    private static final VarHandle GRAPHIC_SETS = PRIVATES == null ? null : PRIVATES.graphicSets();

    private final JediTerminal terminal;
    private final GraphicSetState graphicSets;

    private UndecodedWrite(JediTerminal terminal, GraphicSetState graphicSets) {
        this.terminal = terminal;
        this.graphicSets = graphicSets;
    }

    /** For a constructed terminal; null if the library's private parts cannot be reached. */
    static UndecodedWrite of(JediTerminal terminal) {
        if (WRITE_DECODED == null) {
            return null;
        }
        GraphicSetState graphicSets = (GraphicSetState) GRAPHIC_SETS.get(terminal);
        return graphicSets == null ? null : new UndecodedWrite(terminal, graphicSets);
    }

    /** Writes {@code text} if decoding would leave it as it is; false (nothing written) otherwise. */
    boolean writeIfUnchanged(String text) {
        if (!asciiInGl()) {
            return false;
        }
        // The library writes a copy too; scanning the copy is cheaper than reading the String char by char.
        return writeIfDecodingKeeps(text.toCharArray());
    }

    /** Writes {@code chars} (the line keeps a copy) if decoding would leave them as they are; false otherwise. */
    boolean writeIfUnchanged(char[] chars) {
        return asciiInGl() && writeIfDecodingKeeps(chars);
    }

    /** With ASCII in GL (checked by the caller): writes {@code chars} if decoding would leave them as they are. */
    private boolean writeIfDecodingKeeps(char[] chars) {
        if (!unchangedByDecoding(chars)) {
            return false;
        }
        try {
            WRITE_DECODED.invokeExact(terminal, chars);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            // writeDecodedCharacters declares none: a checked one here is a broken library.
            throw new IllegalStateException(checked);
        }
        return true;
    }

    private boolean asciiInGl() {
        // getGL() consumes a pending single shift, so it is asked only when none is pending.
        return graphicSets.getGLOverrideIndex() < 0 && graphicSets.getGL().getDesignation() == CharacterSet.ASCII;
    }

    /**
     * Printable ASCII and U+00A0..U+02FF: the C0 and C1 controls decode to NUL, GL chars follow the
     * graphic set, and from U+0300 on NFC may compose.
     */
    static boolean unchangedByDecoding(char[] text) {
        for (char c : text) {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c >= 0x300) {
                return false;
            }
        }
        return true;
    }
}
