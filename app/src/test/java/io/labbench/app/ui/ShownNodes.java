package io.labbench.app.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits until a node matching a TestFX query is on a showing window, within its bounds. TestFX's visibility
 * matcher reads the nodes' bounds, which lays out their text, and JavaFX's text layout is not thread-safe: run
 * from the test thread, the poll raced the JavaFX thread's first layout of a dialog opening from a background
 * handshake (an NPE in PrismTextLayout, reported by TestFX as a delayed FX-thread exception). So each poll's
 * query runs on the JavaFX thread.
 */
public final class ShownNodes {

    private ShownNodes() {
    }

    /** Polls for {@code query} for up to 30 s, then lets the JavaFX thread finish what it queued. */
    public static void await(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().isPresent()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
