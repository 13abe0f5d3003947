package io.labbench.netparse;

/** Something the parser could not read, with the 1-based input line it was on. */
public record Diagnostic(int line, String message) {
}
