package io.labbench.sessions.ssh;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellEnd;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * An interactive shell in a JSch {@link ChannelShell} on an endpoint's shared session, with an
 * {@code xterm-256color} pty whose size follows the pane ({@code window-change} on resize).
 */
public final class SshShellConnector implements ShellConnector {

    private static final long SETTLE_MILLIS = 3000;
    static final int PIPE_CAPACITY = 1 << 20;

    private final String name;
    private final Session session;
    private final ChannelShell channel;
    private final InputStreamReader reader;
    private final OutputStream output;
    private final Predicate<Session> sessionIsLive;

    private SshShellConnector(String name, Session session, ChannelShell channel, InputStream input, OutputStream output,
                              Predicate<Session> sessionIsLive) {
        this.name = name;
        this.session = session;
        this.channel = channel;
        this.reader = new InputStreamReader(input, StandardCharsets.UTF_8);
        this.output = output;
        this.sessionIsLive = sessionIsLive;
    }

    /**
     * Opens a shell channel.
     *
     * @param sessionIsLive tells whether the session is still the endpoint's live connection, so that
     *                      a channel closed without an exit status can be told apart from a drop
     */
    public static SshShellConnector open(String name, Session session, TermSize size, int timeoutMillis,
                                         Predicate<Session> sessionIsLive) throws IOException {
        try {
            ChannelShell channel = (ChannelShell) session.openChannel("shell");
            channel.setPty(true);
            channel.setPtyType("xterm-256color", size.getColumns(), size.getRows(), 0, 0);
            ChannelOutputPipe pipe = new ChannelOutputPipe(PIPE_CAPACITY);
            channel.setOutputStream(pipe.sink(), false);
            InputStream input = pipe.source();
            OutputStream output = channel.getOutputStream();
            channel.connect(timeoutMillis);
            return new SshShellConnector(name, session, channel, input, output, sessionIsLive);
        } catch (JSchException e) {
            throw new IOException("cannot start a shell on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        try {
            return reader.read(buffer, offset, length);
        } catch (IOException e) {
            // JSch's pipe reports a closed channel as "Pipe closed"/"Write end dead": that is an end of output.
            if (channel.isClosed() || !session.isConnected()) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        output.write(bytes);
        output.flush();
    }

    @Override
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return channel.isConnected();
    }

    @Override
    public void resize(TermSize size) {
        channel.setPtySize(size.getColumns(), size.getRows(), 0, 0);
    }

    @Override
    public int waitFor() throws InterruptedException {
        while (!channel.isClosed()) {
            Thread.sleep(50);
        }
        return exitStatus();
    }

    /**
     * The shell's exit status, or 128 + N when signal N ended it, as a shell's {@code $?} and the command runners
     * give it: sshd then sends the signal's name and no status, which JSch shows as -1 ({@link SignalExitCodes}).
     */
    private int exitStatus() {
        int status = channel.getExitStatus();
        if (status < 0 && channel.getExitSignal() != null) {
            return SignalExitCodes.of(channel.getExitSignal()).orElse(status);
        }
        return status;
    }

    @Override
    public boolean ready() throws IOException {
        return reader.ready();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void close() {
        channel.disconnect();
    }

    @Override
    public ShellEnd end() {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        // The server sends exit-status before closing the channel; a drop closes it with none.
        while (!channel.isClosed() && System.currentTimeMillis() < deadline) {
            sleepBriefly();
        }
        int status = exitStatus();
        if (status >= 0) {
            return new ShellEnd.Exited(status, "the shell exited with status " + status);
        }
        // No exit status: either the connection died (JSch closes channels before it flags the
        // session as down, so give it a moment) or the server closed just this channel.
        while (sessionIsLive.test(session) && System.currentTimeMillis() < deadline) {
            sleepBriefly();
        }
        if (!sessionIsLive.test(session)) {
            return new ShellEnd.Dropped("the connection to " + name + " was lost");
        }
        return new ShellEnd.Exited(-1, "the server closed the shell");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
