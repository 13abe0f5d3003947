package io.labbench.labmodel.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

    @Test
    void aTableWithALinkBecomesAnHtmlTable() {
        String html = MarkdownHtml.render("""
                | type | ENIs | max pods |
                |---|---:|---:|
                | t3.medium | 3 | **17** |

                See [eni-max-pods.txt](https://github.com/aws/amazon-vpc-cni-k8s/blob/master/misc/eni-max-pods.txt).
                """);
        assertThat(html).contains("<table>", "<th>type</th>", "<th align=\"right\">ENIs</th>",
                "<td>t3.medium</td>", "<td align=\"right\"><strong>17</strong></td>",
                "href=\"https://github.com/aws/amazon-vpc-cni-k8s/blob/master/misc/eni-max-pods.txt\">eni-max-pods.txt</a>");
    }

    @Test
    void rawHtmlIsShownAsTextAndScriptLinksAreDropped() {
        String html = MarkdownHtml.render("a <b onclick=\"x()\">b</b> [l](javascript:alert(1))\n\n<script>alert(2)</script>\n");
        assertThat(html).doesNotContain("<b ", "<script>", "javascript:")
                .contains("&lt;b onclick=&quot;x()&quot;&gt;", "&lt;script&gt;");
    }

    @Test
    void headingsSitBelowTheNotebooksStepHeading() {
        assertThat(MarkdownHtml.render("# Why\n## How\n")).isEqualTo("<h3>Why</h3>\n<h4>How</h4>\n");
    }

    @Test
    void anUnclosedFenceRunsToTheEndAndAQuoteKeepsItsParagraphs() {
        Node doc = LabMarkdown.parse("```bash\necho <b>\n");
        assertThat(doc.getFirstChild()).isInstanceOfSatisfying(FencedCodeBlock.class, code -> {
            assertThat(code.getInfo()).isEqualTo("bash");
            assertThat(code.getLiteral()).isEqualTo("echo <b>\n");
        });
        assertThat(MarkdownHtml.render("```\necho <b>\n")).isEqualTo("<pre><code>echo &lt;b&gt;\n</code></pre>\n");
        Node quote = LabMarkdown.parse("> **max pods = 17**\n>\n> t3.medium\n").getFirstChild();
        assertThat(quote).isInstanceOf(BlockQuote.class);
        assertThat(quote.getFirstChild().getNext()).as("second paragraph of the quote").isNotNull();
    }

    @Test
    void pipeRowsUnderADelimiterRowAreATable() {
        assertThat(LabMarkdown.parse("| a | b |\n|---|---|\n| 1 | 2 |\n").getFirstChild()).isInstanceOf(TableBlock.class);
        assertThat(LabMarkdown.parse("| a | b |\n| 1 | 2 |\n").getFirstChild()).isNotInstanceOf(TableBlock.class);
    }
}
