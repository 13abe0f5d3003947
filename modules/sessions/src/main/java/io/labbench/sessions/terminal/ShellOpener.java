package io.labbench.sessions.terminal;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.ConnectionStatus;
import io.labbench.sessions.Subscription;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Starts shells for one terminal on one endpoint, waiting for its connection when it is down. */
public interface ShellOpener {

    String endpointName();

    /**
     * Starts a new shell of the given size. Blocks while the endpoint connects or reconnects.
     *
     * @return empty when {@code cancelled} became true (the terminal was closed) or the endpoint was closed
     * @throws IOException when the connection is up but the shell could not start (the caller retries later)
     */
    Optional<ShellConnector> open(TermSize size, BooleanSupplier cancelled) throws IOException, InterruptedException;

    /** Follows the endpoint's connection state (local shells never report anything). */
    Subscription onConnectionStatus(Consumer<ConnectionStatus> listener);

    /** Asks the endpoint to connect now instead of waiting for the next retry. */
    void reconnectNow();
}
