package io.labbench.labmodel.load;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds the YAML node tree of a lab with SnakeYAML under limits a lab never needs to pass, and places
 * every refusal at its line and column. SnakeYAML reports its nesting, alias and size limits without a
 * position; the parser here remembers the last event it handed out, which is where the composer was.
 */
final class YamlComposition {

    /** Lists and maps inside each other: the week-2 lab goes 11 deep. */
    static final int MAX_NESTING = 50;
    /** Aliases to lists or maps (the "billion laughs" expansion): a lab has no use for any, 50 is generous. */
    static final int MAX_COLLECTION_ALIASES = 50;

    private YamlComposition() {
    }

    /**
     * The longest line a lab may have: 8192 characters, sixteen times the week-2 lab's longest (519).
     * SnakeYAML copies its read window for every 1024 characters of one token, so a token's cost grows
     * with its square: one 2 MB word took 13 s, a 50 MB one hours. Bounding lines bounds tokens.
     */
    static final int MAX_LINE_CHARS = 8192;

    /** The document's root node, or null for an empty document. */
    static Node compose(String text, ErrorSink errors) throws Refused {
        if (text.length() > LabFileText.MAX_BYTES) {
            errors.atLine(1, 1, "the text is " + LabFileText.megabytes(text.length()) + "; a lab file may be at most "
                    + LabFileText.megabytes(LabFileText.MAX_BYTES));
            throw new Refused();
        }
        refuseLongLines(text, errors);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setCodePointLimit(LabFileText.MAX_BYTES);
        RememberingParser parser = new RememberingParser(new ParserImpl(new StreamReader(new StringReader(text)), options));
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            errors.at(e.getProblemMark(), 0, "YAML syntax: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            throw new Refused();
        } catch (YAMLException e) {
            errors.at(parser.lastMark(), 0, explain(e.getMessage()));
            throw new Refused();
        }
    }

    private static void refuseLongLines(String text, ErrorSink errors) throws Refused {
        int line = 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            if (stop - start > MAX_LINE_CHARS) {
                errors.atLine(line, MAX_LINE_CHARS + 1, "this line is " + (stop - start) + " characters long; lab lines are at most "
                        + MAX_LINE_CHARS + " (break long text over several lines: YAML joins them)");
                throw new Refused();
            }
            if (end < 0) {
                return;
            }
            start = end + 1;
            line++;
        }
    }

    private static String explain(String problem) {
        String text = problem == null ? "" : problem;
        if (text.startsWith("Nesting Depth exceeded")) {
            return "lists and maps nest deeper than " + MAX_NESTING + " levels here; a lab never needs that many";
        }
        if (text.startsWith("Number of aliases")) {
            return "more than " + MAX_COLLECTION_ALIASES + " aliases (*name) to lists or maps; write the values out instead";
        }
        if (text.contains("exceeds the limit")) {
            return "the text is larger than " + LabFileText.megabytes(LabFileText.MAX_BYTES) + ", the most a lab file may be";
        }
        return "cannot read YAML: " + text;
    }

    /** Thrown after the reason went to the error sink. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    /** A parser that remembers where the last event it handed out began. */
    private static final class RememberingParser implements Parser {
        private final Parser parser;
        private Mark last;

        RememberingParser(Parser parser) {
            this.parser = parser;
        }

        Mark lastMark() {
            return last;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if (event != null) {
                last = event.getStartMark();
            }
            return event;
        }
    }
}
