package io.labbench.netparse.model;

import io.labbench.netparse.ParseResult;

/**
 * One part of a combined watch screen: the lines between blank lines or {@code [TITLE]} markers, read as
 * the kind they look like. {@code title} is the {@code [TITLE]} above it (without brackets) or empty.
 */
public record WatchSection(String title, int firstLine, int lastLine, ParseResult result) {
}
