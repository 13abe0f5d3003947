package io.labbench.labmodel.engine;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;
import java.time.Clock;

/** The real {@link OutputParser}: netparse's parsers, as snapshot rows. */
public final class NetparseOutputParser implements OutputParser {
    private final Clock clock;

    public NetparseOutputParser(Clock clock) {
        this.clock = clock;
    }

    public NetparseOutputParser() {
        this(Clock.systemUTC());
    }

    @Override
    public Snapshot parse(ParserKind kind, String output) {
        return NetParsers.parse(kind, output).toSnapshot(clock.instant());
    }

    @Override
    public Snapshot parse(ParserKind kind, String output, String command) {
        return NetParsers.parse(kind, output, ParseHints.forCommand(command)).toSnapshot(clock.instant());
    }
}
