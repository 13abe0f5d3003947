package io.labbench.labmodel.model;

import io.labbench.netparse.ParserKind;

/** How the wizard knows a step worked; run on demand, reported pass/fail with why. */
public record Check(Text name, Kind kind) {

    public sealed interface Kind {
        CommandSource source();
    }

    /** The raw output of a command must meet {@code expect}. */
    public record Output(CommandSource source, Expectation expect) implements Kind {
    }

    /** The output parsed by netparse must satisfy {@code assertion}. */
    public record Parsed(ParserKind parser, CommandSource source, ParsedAssertion assertion) implements Kind {
    }
}
