package io.labbench.netparse.text;

/** One input line after cleaning (no colour codes, no CR, no trailing blanks) with its 1-based number. */
public record Line(int number, String text) {
    public boolean isBlank() {
        return text.isEmpty();
    }
}
