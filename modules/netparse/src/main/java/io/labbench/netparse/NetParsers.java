package io.labbench.netparse;

import io.labbench.netparse.parsers.KindDetector;
import io.labbench.netparse.parsers.ParserDispatch;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import java.util.List;

/**
 * The entry point: parse any output LabBench reads. Never throws on input (a parser bug is caught here
 * and reported as a diagnostic, so a watch panel never dies of an odd screen).
 */
public final class NetParsers {
    private NetParsers() {
    }

    /** Parses {@code text} as {@code kind}; {@link ParserKind#AUTO} detects the kind first. */
    public static ParseResult parse(ParserKind kind, String text) {
        return parse(kind, text, ParseHints.NONE);
    }

    /**
     * Parses {@code text} as {@code kind}, using what the caller knows that the output may not say, e.g.
     * {@code NetParsers.parse(IPTABLES_LIST, output, ParseHints.forCommand("iptables -t nat -L AWS-SNAT-CHAIN-0 -n"))}
     * reads the chain as nat rather than iptables' default, filter.
     */
    public static ParseResult parse(ParserKind kind, String text, ParseHints hints) {
        ParseHints given = hints == null ? ParseHints.NONE : hints;
        String input = text == null ? "" : text;
        List<Line> lines = InputLines.of(input);
        ParserKind actual = kind == ParserKind.AUTO ? KindDetector.detect(input, lines) : kind;
        try {
            return ParserDispatch.parse(actual, lines, input, given);
        } catch (RuntimeException | StackOverflowError e) {
            // Should not happen; if it does, the caller still gets a result that says what went wrong.
            return EmptyResults.of(actual, List.of(new Diagnostic(1, "internal parser error reading "
                    + actual.cliName() + ": " + e + " at " + where(e) + " (please report it with the input)")));
        }
    }

    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    /** Which command printed {@code text}; {@link ParserKind#AUTO} when it cannot tell. */
    public static ParserKind detect(String text) {
        String input = text == null ? "" : text;
        return KindDetector.detect(input, InputLines.of(input));
    }
}
