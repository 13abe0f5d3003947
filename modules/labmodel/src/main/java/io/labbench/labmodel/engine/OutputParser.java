package io.labbench.labmodel.engine;

import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;

/** Turns a command's output into parsed rows; {@link NetparseOutputParser} is the real one. */
@FunctionalInterface
public interface OutputParser {
    Snapshot parse(ParserKind kind, String output);

    /**
     * Parses {@code output} knowing the command that printed it: iptables does not print which table
     * it listed, the command ({@code iptables -t nat -L CHAIN}) does.
     */
    default Snapshot parse(ParserKind kind, String output, String command) {
        return parse(kind, output);
    }
}
