package io.labbench.app.ui.terminal;

import io.labbench.app.ui.settings.UiSettings;
import io.labbench.app.ui.shortcuts.Shortcut;
import com.techsenger.jeditermfx.core.Color;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.ui.TerminalActionPresentation;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import javafx.scene.text.Font;

/**
 * The terminal widgets' settings, shared by every pane: font and size (zoom changes it), colours that
 * follow the light/dark theme, a scrollback of {@link #SCROLLBACK_LINES}, and the copy/paste/find keys
 * of {@link Shortcut} so the help dialog tells the truth.
 */
public final class TerminalSettings extends DefaultSettingsProvider {

    /** Lines kept above the screen at least (up to {@link ScrollbackTrimmer#SLACK} more); the issue asks for 10,000. */
    public static final int SCROLLBACK_LINES = 10_000;

    private static final Color LIGHT_BACKGROUND = new Color(0xFA, 0xFB, 0xFC);
    private static final Color LIGHT_FOREGROUND = new Color(0x1F, 0x23, 0x28);
    private static final Color DARK_BACKGROUND = new Color(0x0D, 0x11, 0x17);
    private static final Color DARK_FOREGROUND = new Color(0xE6, 0xED, 0xF3);

    private volatile float fontSize;
    private volatile boolean dark;

    public TerminalSettings(double fontSize, boolean dark) {
        this.fontSize = (float) fontSize;
        this.dark = dark;
    }

    public void setFontSize(double size) {
        this.fontSize = (float) size;
    }

    public double fontSize() {
        return fontSize;
    }

    public void setDark(boolean value) {
        this.dark = value;
    }

    public boolean isDark() {
        return dark;
    }

    @Override
    public Font getTerminalFont() {
        return Font.font(monospacedFamily(), fontSize);
    }

    @Override
    public float getTerminalFontSize() {
        return fontSize;
    }

    /** Looks the terminal font up ahead of the first widget (the launcher does it off the JavaFX thread). */
    public static void preloadFont() {
        Font.font(monospacedFamily(), UiSettings.DEFAULT_FONT_SIZE);
    }

    private static String monospacedFamily() {
        // DejaVu Sans Mono ships with every Debian desktop; JavaFX's logical "Monospaced" is the fallback.
        // Looked up once: listing the system's fonts is slow and every widget asks.
        if (family == null) {
            family = Font.getFamilies().contains("DejaVu Sans Mono") ? "DejaVu Sans Mono" : "Monospaced";
        }
        return family;
    }

    private static volatile String family;

    @Override
    public TerminalColor getDefaultForeground() {
        return new TerminalColor(() -> dark ? DARK_FOREGROUND : LIGHT_FOREGROUND);
    }

    @Override
    public TerminalColor getDefaultBackground() {
        return new TerminalColor(() -> dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
    }

    @Override
    public TextStyle getDefaultStyle() {
        return new TextStyle(getDefaultForeground(), getDefaultBackground());
    }

    /**
     * Unlimited as far as the library knows: its own cap costs a copy of the whole scrollback per line, so
     * every widget's {@link ScrollbackTrimmer} keeps it at {@link #SCROLLBACK_LINES} instead.
     */
    @Override
    public int getBufferMaxLinesCount() {
        return LIBRARY_UNLIMITED;
    }

    /** What JediTermFX's {@code LinesBuffer} reads as "no limit" (any count below 1). */
    static final int LIBRARY_UNLIMITED = -1;

    @Override
    public TerminalActionPresentation getCopyActionPresentation() {
        return new TerminalActionPresentation("Copy", Shortcut.COPY.combination());
    }

    @Override
    public TerminalActionPresentation getPasteActionPresentation() {
        return new TerminalActionPresentation("Paste", Shortcut.PASTE.combination());
    }

    @Override
    public TerminalActionPresentation getFindActionPresentation() {
        return new TerminalActionPresentation("Find", Shortcut.FIND_IN_SCROLLBACK.combination());
    }

    @Override
    public boolean audibleBell() {
        return false;
    }
}
