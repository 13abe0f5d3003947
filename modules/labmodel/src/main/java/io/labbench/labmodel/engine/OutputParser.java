package io.labbench.labmodel.engine;

import io.labbench.netparse.ParserKind;
import io.labbench.netparse.snapshot.Snapshot;

/** Turns a command's output into parsed rows; {@link NetparseOutputParser} is the real one. */
@FunctionalInterface
public interface OutputParser {
    Snapshot parse(ParserKind kind, String output);
}
