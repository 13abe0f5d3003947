package io.labbench.netparse.text;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Number reading that never throws: empty when the text is not a plain decimal (or 0x hex) number. */
public final class Numbers {
    private Numbers() {
    }

    public static OptionalLong parseLong(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            v = v * 10 + (c - '0');
        }
        return OptionalLong.of(v);
    }

    public static OptionalInt parseInt(String s) {
        OptionalLong v = parseLong(s);
        if (v.isEmpty() || v.getAsLong() > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
