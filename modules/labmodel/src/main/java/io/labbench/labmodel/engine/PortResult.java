package io.labbench.labmodel.engine;

/** What running a command through a {@link CommandPort} gave. */
public sealed interface PortResult {

    /** The command ran and ended with {@code exitCode}. */
    record Ran(int exitCode, String stdout, String stderr) implements PortResult {
    }

    /** The command could not be run (target not connected, timed out); {@code why} says what to do. */
    record NotRun(String why) implements PortResult {
    }
}
