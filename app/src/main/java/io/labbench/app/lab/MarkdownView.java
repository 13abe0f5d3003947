package io.labbench.app.lab;

import io.labbench.labmodel.markdown.Block;
import io.labbench.labmodel.markdown.Inline;
import io.labbench.labmodel.markdown.MarkdownBlocks;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Draws a step body's Markdown: text flows for prose, highlighted command views for code blocks. */
final class MarkdownView {
    private MarkdownView() {
    }

    static List<Node> render(String markdown) {
        List<Node> nodes = new ArrayList<>();
        for (Block block : MarkdownBlocks.parse(markdown)) {
            if (block instanceof Block.Heading h) {
                TextFlow flow = flow(h.text());
                flow.getStyleClass().add("md-h" + Math.min(3, h.level()));
                flow.getChildren().forEach(n -> {
                    if (n instanceof Text t) {
                        t.setFont(Font.font(t.getFont().getFamily(), FontWeight.BOLD, 14 + Math.max(0, 4 - h.level())));
                    }
                });
                nodes.add(flow);
            } else if (block instanceof Block.Paragraph p) {
                nodes.add(flow(p.text()));
            } else if (block instanceof Block.ListBlock l) {
                VBox list = new VBox(3);
                int n = 1;
                for (String item : l.items()) {
                    Label bullet = new Label(l.ordered() ? (n++) + "." : "•");
                    bullet.setMinWidth(18);
                    TextFlow text = flow(item);
                    HBox.setHgrow(text, Priority.ALWAYS);
                    list.getChildren().add(new HBox(4, bullet, text));
                }
                nodes.add(list);
            } else if (block instanceof Block.Quote q) {
                TextFlow flow = flow(q.text());
                flow.getStyleClass().add("md-quote");
                nodes.add(flow);
            } else if (block instanceof Block.Code c) {
                nodes.add(new CommandView(c.text()));
            }
        }
        return nodes;
    }

    static TextFlow flow(String text) {
        TextFlow flow = new TextFlow();
        for (Inline run : Inline.parse(text)) {
            switch (run.style()) {
                case CODE -> {
                    Label code = new Label(run.text());
                    code.getStyleClass().add("md-code-inline");
                    flow.getChildren().add(code);
                }
                case LINK -> {
                    Hyperlink link = new Hyperlink(run.text());
                    link.setPadding(javafx.geometry.Insets.EMPTY);
                    link.setTooltip(new javafx.scene.control.Tooltip(run.href()));
                    flow.getChildren().add(link);
                }
                default -> {
                    Text t = new Text(run.text());
                    t.getStyleClass().add("md-text");
                    if (run.style() == Inline.Style.BOLD) {
                        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
                    } else if (run.style() == Inline.Style.ITALIC) {
                        t.setFont(Font.font(Font.getDefault().getFamily(), FontPosture.ITALIC, Font.getDefault().getSize()));
                    }
                    flow.getChildren().add(t);
                }
            }
        }
        return flow;
    }
}
