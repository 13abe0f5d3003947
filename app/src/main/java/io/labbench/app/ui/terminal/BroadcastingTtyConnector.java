package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sits between a terminal widget and its real connector. Everything the user types or pastes into the
 * widget arrives at {@link #write}; when this pane is in the broadcast group the same bytes also go to
 * every other member's connector, so keys and paste reach exactly the group. Output and resizes pass
 * through unchanged.
 */
public final class BroadcastingTtyConnector implements TtyConnector {

    private static final Logger LOG = Logger.getLogger(BroadcastingTtyConnector.class.getName());

    private final TtyConnector delegate;
    private final Supplier<List<TtyConnector>> peers;

    /**
     * @param peers the connectors input must also reach right now (empty when broadcast is off or
     *              this pane is not a member); read on every write, so it follows the group live
     */
    public BroadcastingTtyConnector(TtyConnector delegate, Supplier<List<TtyConnector>> peers) {
        this.delegate = delegate;
        this.peers = peers;
    }

    /** The connector of this pane alone, for typing that must not be broadcast (the lab wizard). */
    public TtyConnector own() {
        return delegate;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        delegate.write(bytes);
        for (TtyConnector peer : peers.get()) {
            try {
                peer.write(bytes);
            } catch (IOException e) {
                // One dropped member must not stop the others; its own pane shows the drop banner.
                LOG.fine(() -> "broadcast to " + peer.getName() + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void write(String string) throws IOException {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int read(char[] buf, int offset, int length) throws IOException {
        return delegate.read(buf, offset, length);
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void resize(TermSize size) {
        delegate.resize(size);
    }

    @Override
    public int waitFor() throws InterruptedException {
        return delegate.waitFor();
    }

    @Override
    public boolean ready() throws IOException {
        return delegate.ready();
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
