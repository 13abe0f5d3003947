package io.labbench.sessions.local;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.ConnectionStatus;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.Subscription;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellOpener;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Starts local pty shells; there is no connection to wait for or lose. */
public final class LocalShellOpener implements ShellOpener {

    private final LocalShellEndpoint endpoint;

    public LocalShellOpener(LocalShellEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String endpointName() {
        return endpoint.name();
    }

    @Override
    public Optional<ShellConnector> open(TermSize size, BooleanSupplier cancelled) throws IOException {
        return cancelled.getAsBoolean() ? Optional.empty() : Optional.of(LocalPtyConnector.start(endpoint, size));
    }

    @Override
    public Subscription onConnectionStatus(Consumer<ConnectionStatus> listener) {
        return () -> { };
    }

    @Override
    public void reconnectNow() {
    }
}
