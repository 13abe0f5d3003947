package io.labbench.sessions.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs commands in exec channels of the endpoint's shared connection: no handshake per command.
 * Output is collected in memory, so it suits the short outputs watches poll (ip route, iptables -L).
 */
public final class SshCommandRunner implements CommandRunner {

    private static final long EOF_SLICE_MILLIS = 100;
    private static final long CHANNEL_OPEN_MILLIS = 3000;

    private final SshConnection connection;

    public SshCommandRunner(SshConnection connection) {
        this.connection = connection;
    }

    @Override
    public String endpointName() {
        return connection.endpointName();
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws CommandException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Session session = connection.sessionForCommand(timeout);
        ChannelExec channel;
        OutputUntilEof stdout = new OutputUntilEof();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            // JSch's session thread writes straight into these: no pipe to drain, no reader threads.
            channel.setOutputStream(stdout, false);
            channel.setErrStream(stderr, true);
            // Opening a channel on a live connection takes milliseconds. JSch waits the whole timeout when the
            // connection dies while the open is in flight (nothing wakes it), which held watches 10.6 s after a
            // drop; a few seconds tell a dead connection from a slow one, and the next run reconnects.
            // ExecChannelStart, not channel.connect(timeout): that also sleeps 10 ms waiting for the exec's reply.
            ExecChannelStart.connect(channel, (int) Math.max(1, Math.min(CHANNEL_OPEN_MILLIS, remainingMillis(deadline))));
        } catch (JSchException e) {
            if (!session.isConnected()) {
                throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                        endpointName() + ": the connection went down before `" + command + "` started", e);
            }
            throw new CommandException(CommandException.Reason.CHANNEL_FAILED,
                    endpointName() + ": the server refused a channel for `" + command + "` (" + e.getMessage() + ")", e);
        }
        try {
            // JSch closes the stdout stream at the server's EOF; exit-status and close follow right behind.
            // Waited for in slices: when the connection drops mid-command JSch may never close the stream,
            // and a watch would sit out its whole deadline (10 s) before it could reconnect.
            while (!stdout.awaitEof(Math.min(EOF_SLICE_MILLIS, Math.max(0, remainingMillis(deadline))))) {
                if (!session.isConnected() || channel.isClosed() || System.nanoTime() >= deadline) {
                    break;
                }
            }
            long pause = 1;
            while (!channel.isClosed()) {
                if (System.nanoTime() >= deadline) {
                    throw new CommandException(CommandException.Reason.TIMED_OUT,
                            endpointName() + ": `" + command + "` did not finish within " + timeout.toMillis() + " ms");
                }
                if (!session.isConnected()) {
                    throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                            endpointName() + ": the connection dropped while `" + command + "` ran");
                }
                Thread.sleep(pause);
                // Short commands finish within a few ms: poll fast first, then back off.
                pause = Math.min(20, pause + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Reason.INTERRUPTED, endpointName() + ": interrupted while `" + command + "` ran", e);
        } finally {
            channel.disconnect();
        }
        int exitStatus = channel.getExitStatus();
        if (exitStatus < 0 && channel.getExitSignal() != null) {
            // a signal ended the command: sshd sends its name and no exit status
            exitStatus = SignalExitCodes.of(channel.getExitSignal()).orElse(exitStatus);
        }
        if (exitStatus < 0 && !session.isConnected()) {
            throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                    endpointName() + ": the connection dropped while `" + command + "` ran");
        }
        return new CommandResult(exitStatus, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Collects stdout and lets the caller sleep until JSch closes it at the end of the output. */
    private static final class OutputUntilEof extends ByteArrayOutputStream {
        private final java.util.concurrent.CountDownLatch eof = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void close() {
            eof.countDown();
        }

        boolean awaitEof(long millis) throws InterruptedException {
            return eof.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }
}
