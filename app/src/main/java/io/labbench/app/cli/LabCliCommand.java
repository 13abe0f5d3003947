package io.labbench.app.cli;

import java.io.PrintWriter;

/**
 * A {@code labbench lab} command that runs the same with picocli's writers or plain ones: what lets
 * {@link QuickLabCommands} run it without picocli.
 */
interface LabCliCommand {

    /** @return the exit code */
    int run(PrintWriter out, PrintWriter err);

    /** Which option fields the quick parser set: a command that must tell given from default asks this. */
    default void fieldsGiven(java.util.Set<String> fieldNames) {
    }
}
