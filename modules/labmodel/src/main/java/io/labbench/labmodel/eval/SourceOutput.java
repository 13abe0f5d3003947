package io.labbench.labmodel.eval;

/** The output of a capture's or check's command, or why there is none. */
public sealed interface SourceOutput {

    record Printed(String command, int exitCode, String stdout, String stderr) implements SourceOutput {
    }

    record Failed(String why) implements SourceOutput {
    }
}
