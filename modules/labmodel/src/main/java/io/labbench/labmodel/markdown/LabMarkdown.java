package io.labbench.labmodel.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * The one Markdown dialect of lab files: CommonMark plus GitHub's pipe tables. Every reader (the
 * wizard's view, the notebook export) parses through here, so a lab renders the same everywhere.
 * Parsing never fails: whatever is not Markdown stays text.
 */
public final class LabMarkdown {

    static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    /** Thread-safe once built (commonmark-java's Parser is immutable). */
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private LabMarkdown() {
    }

    /** The document's syntax tree; its children are the blocks (headings, paragraphs, lists, tables, code…). */
    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }
}
