package io.labbench.app.lab;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Clicks like a learner would after scrolling: a button below the fold is scrolled into view first. */
final class ScrollIntoView {
    private ScrollIntoView() {
    }

    static void click(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> scroll(node));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(node);
    }

    private static void scroll(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll && scroll.getContent() != null) {
                Node content = scroll.getContent();
                Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                if (extra > 0) {
                    double top = Math.max(0, inContent.getMinY() - scroll.getViewportBounds().getHeight() / 3);
                    scroll.setVvalue(Math.min(1, top / extra));
                }
                scroll.layout();
                return;
            }
        }
    }
}
