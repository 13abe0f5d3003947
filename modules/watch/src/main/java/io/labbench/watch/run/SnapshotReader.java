package io.labbench.watch.run;

import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.Optional;

/** Turns a command's output into a snapshot; empty {@code parser} means raw text, one row per line. */
@FunctionalInterface
public interface SnapshotReader {
    Snapshot read(Optional<ParserKind> parser, String text, Instant takenAt);
}
