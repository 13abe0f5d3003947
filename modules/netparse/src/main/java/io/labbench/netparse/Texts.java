package io.labbench.netparse;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Optional numbers as snapshot cell text: the number, or empty when it was not printed. */
final class Texts {
    private Texts() {
    }

    static String of(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "";
    }

    static String of(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "";
    }
}
