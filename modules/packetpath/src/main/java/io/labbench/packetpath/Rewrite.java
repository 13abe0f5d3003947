package io.labbench.packetpath;

/** An address rewrite: {@code field} is {@code source} or {@code destination}; before and after as {@code ip[:port]}. */
public record Rewrite(String field, String before, String after) {
    @Override
    public String toString() {
        return ("source".equals(field) ? "src " : "dst ") + before + " → " + after;
    }
}
