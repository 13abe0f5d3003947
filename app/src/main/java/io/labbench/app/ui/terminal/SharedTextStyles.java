package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import java.util.EnumSet;
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

    private final Map<Key, TextStyle> styles = new HashMap<>();

    /** The shared style drawn as {@code style} is, {@code style} itself the first time. */
    TextStyle share(TextStyle style) {
        if (style == null || style.getClass() != TextStyle.class) {
            return style;
        }
        Key key = new Key(colour(style.getForeground()), colour(style.getBackground()), options(style));
        TextStyle shared = styles.get(key);
        if (shared != null) {
            return shared;
        }
        if (styles.size() >= LIMIT) {
            styles.clear();
        }
        styles.put(key, style);
        return style;
    }

    int size() {
        return styles.size();
    }

    private static Object colour(TerminalColor colour) {
        if (colour == null) {
            return null;
        }
        return colour.isIndexed() ? Integer.valueOf(colour.getColorIndex()) : new SameObject(colour);
    }

    private static EnumSet<TextStyle.Option> options(TextStyle style) {
        EnumSet<TextStyle.Option> options = EnumSet.noneOf(TextStyle.Option.class);
        for (TextStyle.Option option : TextStyle.Option.values()) {
            if (style.hasOption(option)) {
                options.add(option);
            }
        }
        return options;
    }

    private record Key(Object foreground, Object background, EnumSet<TextStyle.Option> options) {
    }

    /** A colour compared by identity. */
    private static final class SameObject {
        private final TerminalColor colour;

        SameObject(TerminalColor colour) {
            this.colour = colour;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SameObject same && same.colour == colour;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(colour);
        }
    }
}
