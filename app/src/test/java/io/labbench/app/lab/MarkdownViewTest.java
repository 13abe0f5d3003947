package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** What a learner sees of a step body with a table, a link and a command. */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {

    private static final String BODY = """
            ## Max pods

            | type | ENIs | max pods |
            |---|---:|---:|
            | t3.medium | 3 | **17** |
            | c5.large | 3 | 29 |

            The VPC CNI publishes them in [eni-max-pods.txt](https://github.com/aws/amazon-vpc-cni-k8s/blob/master/misc/eni-max-pods.txt),
            see `kubectl describe node`.

            1. first
            2. second

            ```bash
            kubectl get nodes
            ```
            """;

    @Test
    void aTableIsAGridOfCellsAndALinkIsAHyperlinkToItsTarget() throws Exception {
        AtomicReference<List<Node>> rendered = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> rendered.set(MarkdownView.render(BODY))).get();
        List<Node> nodes = rendered.get();

        assertThat(nodes).hasSize(5);
        assertThat(all(nodes.get(1), GridPane.class)).singleElement().satisfies(grid -> {
            assertThat(grid.getChildren()).hasSize(9);
            assertThat(cellText(grid, 0, 0)).isEqualTo("type");
            assertThat(cellText(grid, 0, 1)).isEqualTo("t3.medium");
            assertThat(cellText(grid, 2, 1)).isEqualTo("17");
            assertThat(cellText(grid, 2, 2)).isEqualTo("29");
        });
        List<Hyperlink> links = all(nodes.get(2), Hyperlink.class);
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.getText()).isEqualTo("eni-max-pods.txt");
            assertThat(link.getTooltip().getText()).isEqualTo("https://github.com/aws/amazon-vpc-cni-k8s/blob/master/misc/eni-max-pods.txt");
        });
        assertThat(all(nodes.get(2), Label.class)).extracting(Label::getText).contains("kubectl describe node");
        assertThat(all(nodes.get(3), Label.class)).extracting(Label::getText).containsExactly("1.", "2.");
        assertThat(nodes.get(4)).isInstanceOf(CommandView.class);
    }

    @Test
    void aNoteIsOneFlowWithItsParagraphsOnSeparateLines() throws Exception {
        AtomicReference<TextFlow> flow = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> flow.set(MarkdownView.flow("Local nodes are **t3.medium**.\n\nOn AWS, see `describe`."))).get();
        StringBuilder text = new StringBuilder();
        flow.get().getChildren().forEach(n -> text.append(n instanceof Text t ? t.getText() : n instanceof Label l ? l.getText() : ""));
        assertThat(text.toString()).isEqualTo("Local nodes are t3.medium.\nOn AWS, see describe.");
    }

    private static String cellText(GridPane grid, int column, int row) {
        for (Node child : grid.getChildren()) {
            if (GridPane.getColumnIndex(child) == column && GridPane.getRowIndex(child) == row) {
                StringBuilder text = new StringBuilder();
                all(child, Text.class).forEach(t -> text.append(t.getText()));
                return text.toString();
            }
        }
        return null;
    }

    private static <T> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(root)) {
            found.add(type.cast(root));
        }
        if (root instanceof ScrollPane scroller) {
            found.addAll(all(scroller.getContent(), type));
        } else if (root instanceof Parent parent && !(root instanceof Label) && !(root instanceof Hyperlink)) {
            parent.getChildrenUnmodifiable().forEach(child -> found.addAll(all(child, type)));
        }
        return found;
    }
}
