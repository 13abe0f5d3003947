package io.labbench.labmodel.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Writes lab Markdown as HTML for the notebook export. Raw HTML in a lab is shown as text, never
 * passed through, and link targets with unsafe schemes ({@code javascript:} …) are dropped, so an
 * exported notebook runs nothing a lab file carried.
 */
public final class MarkdownHtml {

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(LabMarkdown.EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private MarkdownHtml() {
    }

    /**
     * The HTML of a step body. Its headings move two levels down ({@code #} becomes {@code <h3>}): in the
     * notebook the lab is {@code <h1>}, its sections {@code <h2>} and each step {@code <h3>}.
     */
    public static String render(String markdown) {
        Node document = LabMarkdown.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 2));
                visitChildren(heading);
            }
        });
        return RENDERER.render(document);
    }

    /** Text as HTML character data or an attribute value. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
