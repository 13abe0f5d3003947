package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link TextStyle} object per distinct style a terminal's output sets, so that the lines of its scrollback
 * share them.
 *
 * <p>Why: JediTermFX 1.0.0 builds a new style (with its own option set, often its own colours) for every SGR
 * sequence, {@code ESC[0m} included, and every run of text keeps the one it was written with: in a scrollback
 * of coloured output a quarter of the bytes the lines hold were copies of a handful of styles (a heap histogram
 * of EmulatorThroughputBenchmark: 32,000 styles for 36,000 runs). The app's serial collector copies whatever
 * lines are still young at each collection, so a flood of output costs it in proportion. Styles are immutable;
 * sharing also lets the library join neighbouring runs it compares by identity into one.
 *
 * <p>Two styles are the same here only if they are drawn the same whatever the theme: equal options and, for
 * each colour, none on both, the same palette index, or the same object (TerminalColor's {@code equals} holds
 * for any two theme-following colours, e.g. the default foreground and background). Subclasses (link styles)
 * are left alone. Distinct RGB colours are new objects each time, so the table is cleared when it reaches
 * {@link #LIMIT} styles rather than growing with them.
 */
final class SharedTextStyles {

    static final int LIMIT = 256;

    private static final TextStyle.Option[] OPTIONS = TextStyle.Option.values();
    /** A colour slot's index when it holds no colour, or a colour compared by identity (not from the palette). */
    private static final int NO_COLOUR = -2;
    private static final int OWN_COLOUR = -1;

    private final Map<Key, TextStyle> styles = new HashMap<>();
    /** Reused for each look-up: styles are shared on every SGR sequence, most of them hits. */
    private final Key probe = new Key();

    /** The shared style drawn as {@code style} is, {@code style} itself the first time. */
    TextStyle share(TextStyle style) {
        if (style == null || style.getClass() != TextStyle.class) {
            return style;
        }
        probe.set(style.getForeground(), style.getBackground(), options(style));
        TextStyle shared = styles.get(probe);
        if (shared != null) {
            return shared;
        }
        if (styles.size() >= LIMIT) {
            styles.clear();
        }
        styles.put(probe.copy(), style);
        return style;
    }

    int size() {
        return styles.size();
    }

    private static int options(TextStyle style) {
        int options = 0;
        for (TextStyle.Option option : OPTIONS) {
            if (style.hasOption(option)) {
                options |= 1 << option.ordinal();
            }
        }
        return options;
    }

    /**
     * Options as bits, and per colour its palette index, {@link #NO_COLOUR}, or {@link #OWN_COLOUR} with the colour
     * object compared by identity. A plain class with its own equals and hash rather than a record: a record's are
     * bootstrapped through method handles, which a fresh JVM runs slowly until the optimising compiler has them
     * (the emulator's cold first pass).
     */
    private static final class Key {
        private int foregroundIndex;
        private TerminalColor foreground;
        private int backgroundIndex;
        private TerminalColor background;
        private int options;

        void set(TerminalColor foreground, TerminalColor background, int options) {
            this.foregroundIndex = index(foreground);
            this.foreground = foregroundIndex == OWN_COLOUR ? foreground : null;
            this.backgroundIndex = index(background);
            this.background = backgroundIndex == OWN_COLOUR ? background : null;
            this.options = options;
        }

        Key copy() {
            Key copy = new Key();
            copy.foregroundIndex = foregroundIndex;
            copy.foreground = foreground;
            copy.backgroundIndex = backgroundIndex;
            copy.background = background;
            copy.options = options;
            return copy;
        }

        private static int index(TerminalColor colour) {
            if (colour == null) {
                return NO_COLOUR;
            }
            return colour.isIndexed() ? colour.getColorIndex() : OWN_COLOUR;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.foregroundIndex == foregroundIndex && key.foreground == foreground
                    && key.backgroundIndex == backgroundIndex && key.background == background && key.options == options;
        }

        @Override
        public int hashCode() {
            int hash = 31 * foregroundIndex + System.identityHashCode(foreground);
            hash = 31 * hash + backgroundIndex;
            hash = 31 * hash + System.identityHashCode(background);
            return 31 * hash + options;
        }
    }
}
