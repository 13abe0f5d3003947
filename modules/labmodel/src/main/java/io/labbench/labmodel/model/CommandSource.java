package io.labbench.labmodel.model;

/** A command whose output a capture or check reads, and where it runs. */
public record CommandSource(String command, Target on) {
}
