package io.labbench.labmodel.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void readsHeadingsParagraphsListsQuotesAndFencedCode() {
        String text = """
                ## Why pods share the VPC range
                The VPC CNI gives each pod a **secondary IP**
                of the node's ENI, see `ip -c addr`.

                - first
                - second
                  wrapped
                1. one
                > a quote

                ```bash
                ip route | grep eni
                ```
                """;

        List<Block> blocks = MarkdownBlocks.parse(text);

        assertThat(blocks).containsExactly(
                new Block.Heading(2, "Why pods share the VPC range"),
                new Block.Paragraph("The VPC CNI gives each pod a **secondary IP** of the node's ENI, see `ip -c addr`."),
                new Block.ListBlock(false, List.of("first", "second wrapped")),
                new Block.ListBlock(true, List.of("one")),
                new Block.Quote("a quote"),
                new Block.Code("bash", "ip route | grep eni"));
    }

    @Test
    void unclosedFenceRunsToTheEndAndHtmlIsEscaped() {
        List<Block> blocks = MarkdownBlocks.parse("```\necho <b>\n");
        assertThat(blocks).containsExactly(new Block.Code("", "echo <b>"));
        assertThat(MarkdownHtml.render("a <b> **c** [l](http://x)")).isEqualTo(
                "<p>a &lt;b&gt; <strong>c</strong> <a href=\"http://x\">l</a></p>\n");
    }

    @Test
    void boldCodeIsCodeAndInlineRunsKeepTheirOrder() {
        assertThat(Inline.parse("a **`eni@if3`** b *c* `d`")).containsExactly(
                new Inline(Inline.Style.PLAIN, "a ", ""), new Inline(Inline.Style.CODE, "eni@if3", ""),
                new Inline(Inline.Style.PLAIN, " b ", ""), new Inline(Inline.Style.ITALIC, "c", ""),
                new Inline(Inline.Style.PLAIN, " ", ""), new Inline(Inline.Style.CODE, "d", ""));
    }
}
