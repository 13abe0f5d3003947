package io.labbench.sessions.ssh;

import com.jcraft.jsch.Session;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * An SSH endpoint's commands, run through its {@link NodeRunner} once one runs on the node, else in plain
 * exec channels ({@link SshCommandRunner}). One per endpoint, shared by every caller (watches refresh
 * concurrently). The runner is started in the background on the first command, which itself takes a plain
 * exec, so no command waits for it. When the node has no Perl or the runner will not start, commands stay
 * on plain exec channels for this connection, and the log says so once; a runner that dies is started again,
 * up to {@link #MAX_DEATHS} times per connection. A reconnect brings a new connection and a new try.
 *
 * <p>What a command sees is what a plain exec gives it: the same user, home, environment and session; the
 * exit code and stderr as sshd would report them. A command that the runner was running when it died fails
 * with {@link CommandException.Reason#CHANNEL_FAILED} (it is not run again: it may have had effects).
 */
public final class NodeCommandRunner implements CommandRunner, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeCommandRunner.class.getName());
    static final int MAX_DEATHS = 3;
    private static final Duration START_WAIT = Duration.ofSeconds(15);
    private static final long SLICE_MILLIS = 100;

    private final SshConnection connection;
    private final SshCommandRunner plain;
    private final Object lock = new Object();
    /** The connection the state below belongs to; a new one (a reconnect) starts over. */
    private Session forSession;
    private NodeRunner runner;
    private boolean starting;
    private boolean unavailable;
    private int deaths;
    private boolean toldUnavailable;
    private boolean closed;

    public NodeCommandRunner(SshConnection connection) {
        this.connection = connection;
        this.plain = new SshCommandRunner(connection);
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
        NodeRunner live = runnerFor(session);
        if (live == null) {
            return plainRun(command, deadline);
        }
        NodeRunner.Run run;
        try {
            run = live.start(command);
        } catch (IOException e) {
            // the runner went away between the check and the send: nothing ran, so a plain exec is safe
            return plainRun(command, deadline);
        }
        try {
            int exit;
            while (true) {
                try {
                    exit = run.exit.get(Math.max(1, Math.min(SLICE_MILLIS, (deadline - System.nanoTime()) / 1_000_000)),
                            TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException slice) {
                    if (System.nanoTime() >= deadline) {
                        live.abandon(run);
                        throw new CommandException(CommandException.Reason.TIMED_OUT,
                                endpointName() + ": `" + command + "` did not finish within " + timeout.toMillis() + " ms");
                    }
                    // JSch may not close a channel's output when the connection drops under it
                    live.checkGone();
                }
            }
            return new CommandResult(exit, run.stdout.toString(StandardCharsets.UTF_8), run.stderr.toString(StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            live.abandon(run);
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Reason.INTERRUPTED, endpointName() + ": interrupted while `" + command + "` ran", e);
        } catch (ExecutionException e) {
            if (!session.isConnected()) {
                throw new CommandException(CommandException.Reason.NOT_CONNECTED,
                        endpointName() + ": the connection dropped while `" + command + "` ran", e.getCause());
            }
            throw new CommandException(CommandException.Reason.CHANNEL_FAILED,
                    e.getCause().getMessage() + " while `" + command + "` ran; run it again", e.getCause());
        }
    }

    /** A plain exec channel for {@code command}, with what is left of its time. */
    private CommandResult plainRun(String command, long deadline) throws CommandException {
        return plain.run(command, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** The live runner on {@code session}, or null (after starting one in the background when it may). */
    private NodeRunner runnerFor(Session session) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if (session != forSession) {
                if (runner != null) {
                    runner.close();
                }
                forSession = session;
                runner = null;
                starting = false;
                unavailable = false;
                deaths = 0;
            }
            if (runner != null) {
                if (runner.isAlive()) {
                    return runner;
                }
                runner.close();
                runner = null;
                deaths++;
                if (deaths >= MAX_DEATHS) {
                    giveUpLocked("its command runner stopped " + deaths + " times");
                } else {
                    LOG.info(() -> endpointName() + ": the command runner on the node stopped; starting a new one");
                }
            }
            if (!starting && !unavailable) {
                starting = true;
                Thread starter = new Thread(() -> startRunner(session), "node-runner-start-" + endpointName());
                starter.setDaemon(true);
                starter.start();
            }
            return null;
        }
    }

    private void startRunner(Session session) {
        NodeRunner started = null;
        String failure = null;
        try {
            started = NodeRunner.start(endpointName(), session, START_WAIT);
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage();
        }
        synchronized (lock) {
            if (session != forSession || closed) {
                if (started != null) {
                    started.close();
                }
                return;
            }
            starting = false;
            if (started != null) {
                runner = started;
            } else if (session.isConnected()) {
                giveUpLocked("the command runner did not start: " + failure);
            }
        }
    }

    private void giveUpLocked(String why) {
        unavailable = true;
        if (!toldUnavailable) {
            toldUnavailable = true;
            LOG.warning(() -> endpointName() + ": commands run in plain exec channels (slower) on this connection: " + why);
        }
    }

    /** Whether commands go through a runner on the node now (for tests and the benchmarks' reports). */
    public boolean usesNodeRunner() {
        synchronized (lock) {
            return runner != null && runner.isAlive();
        }
    }

    /** Waits up to {@code wait} for the runner to be up; false when it is not (yet, or at all). */
    public boolean awaitNodeRunner(Duration wait) throws CommandException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (runnerFor(connection.sessionForCommand(wait)) != null) {
                return true;
            }
            synchronized (lock) {
                if (unavailable) {
                    return false;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** The node's process id of the running runner, for tests that end it. */
    long nodeRunnerPid() {
        synchronized (lock) {
            return runner == null ? -1 : runner.pid();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (runner != null) {
                runner.close();
                runner = null;
            }
        }
    }
}
