package io.labbench.labmodel.markdown;

import java.util.List;

/** Writes blocks as HTML for the notebook export; every text is escaped. */
public final class MarkdownHtml {
    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        return render(MarkdownBlocks.parse(markdown));
    }

    public static String render(List<Block> blocks) {
        StringBuilder html = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Block.Heading h) {
                int level = Math.min(6, h.level() + 2);
                html.append("<h").append(level).append('>').append(inline(h.text())).append("</h").append(level).append(">\n");
            } else if (block instanceof Block.Paragraph p) {
                html.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Block.ListBlock l) {
                String tag = l.ordered() ? "ol" : "ul";
                html.append('<').append(tag).append(">\n");
                l.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
                html.append("</").append(tag).append(">\n");
            } else if (block instanceof Block.Quote q) {
                html.append("<blockquote>").append(inline(q.text())).append("</blockquote>\n");
            } else if (block instanceof Block.Code c) {
                html.append("<pre><code").append(c.language().isEmpty() ? "" : " class=\"language-" + escape(c.language()) + "\"")
                        .append('>').append(escape(c.text())).append("</code></pre>\n");
            }
        }
        return html.toString();
    }

    static String inline(String text) {
        StringBuilder html = new StringBuilder();
        for (Inline run : Inline.parse(text)) {
            switch (run.style()) {
                case CODE -> html.append("<code>").append(escape(run.text())).append("</code>");
                case BOLD -> html.append("<strong>").append(escape(run.text())).append("</strong>");
                case ITALIC -> html.append("<em>").append(escape(run.text())).append("</em>");
                case LINK -> html.append("<a href=\"").append(escape(run.href())).append("\">").append(escape(run.text())).append("</a>");
                default -> html.append(escape(run.text()));
            }
        }
        return html.toString();
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
