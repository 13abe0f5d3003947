package io.labbench.app.watch;

import io.labbench.watch.WatchDefinition;
import io.labbench.watch.layout.OpenWatch;

/**
 * What one tab of the watch dock shows: one watch on one node, or the same watch on two nodes side
 * by side. The dock model owns it: it starts its panels when it opens and stops them when it closes.
 */
public sealed interface DockedWatch permits DockedWatch.Panel, DockedWatch.Compare {

    /** Tells tabs apart: {@code worker1/routes}, or {@code worker1/routes|worker2} for a comparison. */
    String key();

    /** The tab's title. */
    String title();

    /** The watch as the saved layout keeps it. */
    OpenWatch saved();

    void start(boolean paused);

    void close();

    /** One watch on one node. */
    record Panel(WatchPanelViewModel panel) implements DockedWatch {
        @Override
        public String key() {
            return panel.definition().panelKey();
        }

        @Override
        public String title() {
            return panel.definition().title();
        }

        @Override
        public OpenWatch saved() {
            return OpenWatch.of(panel.definition(), panel.pausedProperty().get());
        }

        @Override
        public void start(boolean paused) {
            panel.start(paused);
        }

        @Override
        public void close() {
            panel.close();
        }
    }

    /** The watch of {@code left} beside the same watch on another node; one table shows both. */
    record Compare(WatchPanelViewModel left, WatchPanelViewModel right) implements DockedWatch {
        public Compare {
            // The side-by-side table reads both models' snapshots; the panels' own tables are never drawn.
            left.shownProperty().set(false);
            right.shownProperty().set(false);
        }

        public WatchDefinition leftDefinition() {
            return left.definition();
        }

        public String rightEndpoint() {
            return right.definition().endpoint();
        }

        @Override
        public String key() {
            return left.definition().panelKey() + "|" + rightEndpoint();
        }

        @Override
        public String title() {
            return left.definition().id() + " · " + left.definition().endpoint() + " | " + rightEndpoint();
        }

        @Override
        public OpenWatch saved() {
            return OpenWatch.sideBySide(left.definition(), rightEndpoint());
        }

        @Override
        public void start(boolean paused) {
            left.start(false);
            right.start(false);
        }

        @Override
        public void close() {
            left.close();
            right.close();
        }
    }
}
