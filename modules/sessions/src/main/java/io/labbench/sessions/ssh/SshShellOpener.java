package io.labbench.sessions.ssh;

import com.jcraft.jsch.Session;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.ConnectionStatus;
import io.labbench.sessions.Subscription;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellOpener;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Opens shells on an endpoint's shared SSH connection, waiting for it while it is down. */
public final class SshShellOpener implements ShellOpener {

    private final SshConnection connection;
    private final int channelTimeoutMillis;
    private final BiFunction<String, Consumer<ConnectionStatus>, Subscription> statusListeners;

    /**
     * @param statusListeners subscribes a listener to one endpoint's statuses (the hub's listener list)
     */
    public SshShellOpener(SshConnection connection, int channelTimeoutMillis,
                          BiFunction<String, Consumer<ConnectionStatus>, Subscription> statusListeners) {
        this.connection = connection;
        this.channelTimeoutMillis = channelTimeoutMillis;
        this.statusListeners = statusListeners;
    }

    @Override
    public String endpointName() {
        return connection.endpointName();
    }

    @Override
    public Optional<ShellConnector> open(TermSize size, BooleanSupplier cancelled) throws IOException, InterruptedException {
        Optional<Session> session = connection.awaitSession(cancelled);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SshShellConnector.open(connection.endpointName(), session.get(), size, channelTimeoutMillis,
                connection::isLive));
    }

    @Override
    public Subscription onConnectionStatus(Consumer<ConnectionStatus> listener) {
        return statusListeners.apply(connection.endpointName(), listener);
    }

    @Override
    public void reconnectNow() {
        connection.reconnectNow();
    }
}
