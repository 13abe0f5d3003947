package io.labbench.localaws.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The change signal a {@link LabCloud} implementation keeps: readers {@link #subscribe}, writers call
 * {@link #changed()} after each write. A failing listener is logged and the others still run.
 */
public final class StateChanges {

    private static final Logger LOG = Logger.getLogger(StateChanges.class.getName());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    /** Tells every listener that the state changed. */
    public void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warning(() -> "a listener of the lab's AWS state failed: " + e);
            }
        }
    }
}
