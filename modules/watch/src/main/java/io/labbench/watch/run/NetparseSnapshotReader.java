package io.labbench.watch.run;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Instant;
import java.util.Optional;

/** Reads output with the netparse parsers; watches without a parser become raw-text snapshots. */
public final class NetparseSnapshotReader implements SnapshotReader {

    @Override
    public Snapshot read(Optional<ParserKind> parser, String text, Instant takenAt) {
        return read(parser, ParseHints.NONE, text, takenAt);
    }

    @Override
    public Snapshot read(Optional<ParserKind> parser, ParseHints hints, String text, Instant takenAt) {
        if (parser.isEmpty()) {
            return RawTextSnapshots.of(text, takenAt);
        }
        return NetParsers.parse(parser.get(), text, hints).toSnapshot(takenAt);
    }
}
