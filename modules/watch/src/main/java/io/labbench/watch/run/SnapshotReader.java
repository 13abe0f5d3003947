package io.labbench.watch.run;

import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.Optional;

/** Turns a command's output into a snapshot; empty {@code parser} means raw text, one row per line. */
@FunctionalInterface
public interface SnapshotReader {
    Snapshot read(Optional<ParserKind> parser, String text, Instant takenAt);

    /**
     * Reads output with what the watch's command says that the output does not (the iptables table of
     * {@code iptables -t nat -L CHAIN}); the runner calls this one. Readers that need no hints ignore them.
     */
    default Snapshot read(Optional<ParserKind> parser, ParseHints hints, String text, Instant takenAt) {
        return read(parser, text, takenAt);
    }
}
