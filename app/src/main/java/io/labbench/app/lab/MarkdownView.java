package io.labbench.app.lab;

import io.labbench.labmodel.markdown.LabMarkdown;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * Draws a step's Markdown (parsed by commonmark-java, see {@link LabMarkdown}) as JavaFX nodes: text
 * flows for prose, a grid for tables, highlighted command views for code blocks. Raw HTML in a lab is
 * shown as the text it is.
 */
final class MarkdownView {

    /** How a run of text is drawn: inside {@code **…**}, inside {@code *…*}. */
    private record Style(boolean bold, boolean italic) {
        static final Style PLAIN = new Style(false, false);
    }

    private MarkdownView() {
    }

    static List<Node> render(String markdown) {
        return blocks(LabMarkdown.parse(markdown));
    }

    /**
     * Short Markdown (a note, a hint) as one text flow: its paragraphs one under the other, lists and
     * other blocks as their text.
     */
    static TextFlow flow(String markdown) {
        TextFlow flow = new TextFlow();
        for (org.commonmark.node.Node block = LabMarkdown.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            if (!flow.getChildren().isEmpty()) {
                flow.getChildren().add(prose("\n", Style.PLAIN));
            }
            inlines(block, flow, Style.PLAIN);
        }
        return flow;
    }

    private static List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            nodes.add(block(block));
        }
        return nodes;
    }

    private static Node block(org.commonmark.node.Node block) {
        if (block instanceof Heading h) {
            TextFlow flow = inlineFlow(h);
            flow.getStyleClass().add("md-h" + Math.min(3, h.getLevel()));
            flow.getChildren().forEach(n -> {
                if (n instanceof Text t) {
                    t.setFont(Font.font(t.getFont().getFamily(), FontWeight.BOLD, 14 + Math.max(0, 4 - h.getLevel())));
                }
            });
            return flow;
        } else if (block instanceof Paragraph p) {
            return inlineFlow(p);
        } else if (block instanceof ListBlock list) {
            return list(list);
        } else if (block instanceof BlockQuote q) {
            VBox quote = new VBox(6);
            quote.getChildren().addAll(blocks(q));
            quote.getStyleClass().add("md-quote");
            return quote;
        } else if (block instanceof FencedCodeBlock code) {
            return new CommandView(code.getLiteral().stripTrailing());
        } else if (block instanceof IndentedCodeBlock code) {
            return new CommandView(code.getLiteral().stripTrailing());
        } else if (block instanceof TableBlock table) {
            return scrollable(table(table));
        } else if (block instanceof ThematicBreak) {
            return new Separator();
        } else if (block instanceof HtmlBlock html) {
            TextFlow flow = new TextFlow(prose(html.getLiteral().stripTrailing(), Style.PLAIN));
            return flow;
        }
        return inlineFlow(block);
    }

    private static VBox list(ListBlock list) {
        VBox box = new VBox(3);
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null ? ordered.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue; // a list holds only items; anything else would be a parser change to look at
            }
            Label marker = new Label(list instanceof BulletList ? "•" : (number++) + ".");
            marker.setMinWidth(18);
            VBox content = new VBox(3);
            content.getChildren().addAll(blocks(item));
            HBox.setHgrow(content, Priority.ALWAYS);
            box.getChildren().add(new HBox(4, marker, content));
        }
        return box;
    }

    /**
     * A table keeps its cells on one line and scrolls sideways when the guide is narrower than it, as
     * tables do on GitHub: squeezed into a narrow column, a cell would break its words letter by letter.
     */
    private static ScrollPane scrollable(GridPane grid) {
        ScrollPane scroller = new ScrollPane(grid);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroller.setFitToHeight(true);
        scroller.getStyleClass().add("md-table-scroll");
        // The viewport is as tall as the table; a horizontal bar, when shown, goes below it.
        scroller.prefViewportHeightProperty().bind(grid.heightProperty());
        scroller.setMinHeight(Region.USE_PREF_SIZE);
        return scroller;
    }

    /** A GFM table: header row bold, each cell a text flow aligned as its delimiter row says. */
    private static GridPane table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node tableRow = section.getFirstChild(); tableRow != null; tableRow = tableRow.getNext()) {
                int column = 0;
                for (org.commonmark.node.Node cell = tableRow.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow text = new TextFlow();
                    inlines(cell, text, new Style(head, false));
                    text.getStyleClass().add(head ? "md-table-head" : "md-table-cell");
                    text.setMinWidth(Region.USE_PREF_SIZE);
                    text.setMaxWidth(Double.MAX_VALUE);
                    if (cell instanceof TableCell tableCell && tableCell.getAlignment() != null) {
                        text.setTextAlignment(switch (tableCell.getAlignment()) {
                            case CENTER -> javafx.scene.text.TextAlignment.CENTER;
                            case RIGHT -> javafx.scene.text.TextAlignment.RIGHT;
                            default -> javafx.scene.text.TextAlignment.LEFT;
                        });
                    }
                    grid.add(text, column++, row);
                }
                row++;
            }
        }
        for (int i = 0; i < grid.getColumnCount(); i++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHalignment(HPos.LEFT);
            grid.getColumnConstraints().add(constraints);
        }
        return grid;
    }

    private static TextFlow inlineFlow(org.commonmark.node.Node block) {
        TextFlow flow = new TextFlow();
        inlines(block, flow, Style.PLAIN);
        return flow;
    }

    /** Adds the inline content under {@code parent} to {@code flow}; nested blocks add their text. */
    private static void inlines(org.commonmark.node.Node parent, TextFlow flow, Style style) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof org.commonmark.node.Text text) {
                flow.getChildren().add(prose(text.getLiteral(), style));
            } else if (node instanceof Code code) {
                // **`eni@if3`**: the code is what matters; emphasis on code is drawn as code.
                Label label = new Label(code.getLiteral());
                label.getStyleClass().add("md-code-inline");
                flow.getChildren().add(label);
            } else if (node instanceof StrongEmphasis) {
                inlines(node, flow, new Style(true, style.italic()));
            } else if (node instanceof Emphasis) {
                inlines(node, flow, new Style(style.bold(), true));
            } else if (node instanceof Link link) {
                Hyperlink hyperlink = new Hyperlink(plainText(link));
                hyperlink.setPadding(Insets.EMPTY);
                hyperlink.setTooltip(new Tooltip(link.getDestination()));
                hyperlink.getStyleClass().add("md-link");
                flow.getChildren().add(hyperlink);
            } else if (node instanceof Image image) {
                flow.getChildren().add(prose(plainText(image), style));
            } else if (node instanceof SoftLineBreak) {
                flow.getChildren().add(prose(" ", style));
            } else if (node instanceof HardLineBreak) {
                flow.getChildren().add(prose("\n", style));
            } else if (node instanceof HtmlInline html) {
                flow.getChildren().add(prose(html.getLiteral(), style));
            } else if (node instanceof FencedCodeBlock code) {
                flow.getChildren().add(prose(code.getLiteral(), style));
            } else {
                if (node.getPrevious() != null && !(node.getPrevious() instanceof org.commonmark.node.Text)) {
                    flow.getChildren().add(prose("\n", style));
                }
                inlines(node, flow, style);
            }
        }
    }

    private static Text prose(String text, Style style) {
        Text t = new Text(text);
        t.getStyleClass().add("md-text");
        Font base = Font.getDefault();
        if (style.bold() || style.italic()) {
            t.setFont(Font.font(base.getFamily(), style.bold() ? FontWeight.BOLD : FontWeight.NORMAL,
                    style.italic() ? FontPosture.ITALIC : FontPosture.REGULAR, base.getSize()));
        }
        return t;
    }

    private static String plainText(org.commonmark.node.Node node) {
        StringBuilder text = new StringBuilder();
        for (org.commonmark.node.Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else {
                text.append(plainText(child));
            }
        }
        return text.toString();
    }
}
