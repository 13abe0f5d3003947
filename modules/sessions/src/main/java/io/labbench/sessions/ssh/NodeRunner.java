package io.labbench.sessions.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.labbench.sessions.forkserver.ForkServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's end of {@code node-runner.pl} running on an SSH node: one exec channel on the endpoint's shared
 * connection, started once, that runs each command the app sends in a child forked ahead of time on the
 * node. A command then costs the node one fork and one exec, where a plain exec channel costs sshd a new
 * session, its environment and a {@code bash -c} (20 ms and more on a busy node, most of a watch's refresh).
 * Several commands may run at once; each has its own framed stdout, stderr and exit status.
 *
 * <p>Perl because it is on every node a learner meets (kOps' Ubuntu images, Debian's Essential
 * {@code perl-base}) and the script stays readable. Its frames, spare children and reaping are the
 * {@link ForkServer}'s, which the local lab's exec helper shares.
 * The script goes over the channel's stdin, so the node's process list shows a short command line.
 */
final class NodeRunner implements AutoCloseable {

    /** A started command: its output so far and its end. */
    static final class Run {
        final int id;
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        /** The exit code as a plain exec channel gives it (128 + N when signal N ended the command). */
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Run(int id) {
            this.id = id;
        }
    }

    /** The runner stopped (its channel closed or the connection dropped) while a command ran. */
    static final class Gone extends IOException {
        Gone(String message) {
            super(message);
        }
    }

    static final String SCRIPT = ForkServer.program(NodeRunner.class, "node-runner.pl");
    /** Reads the script from stdin (its length is the first argument), then runs it with the ready word. */
    private static final String BOOTSTRAP = "exec perl -e 'my $n = shift; my $s = \"\";"
            + " while (length $s < $n) { sysread(STDIN, $s, $n - length $s, length $s) or exit 111 }"
            + " eval $s; die $@ if $@'";
    private static final int MAX_PREAMBLE = 64 * 1024;

    private final String endpointName;
    private final Session session;
    private final ChannelExec channel;
    private final OutputStream toNode;
    private final Map<Integer, Run> running = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final FrameReader reader;
    private final ByteArrayOutputStream ownStderr;
    private volatile String goneReason;

    private NodeRunner(String endpointName, Session session, ChannelExec channel, OutputStream toNode, FrameReader reader,
                       ByteArrayOutputStream ownStderr) {
        this.endpointName = endpointName;
        this.ownStderr = ownStderr;
        this.session = session;
        this.channel = channel;
        this.toNode = toNode;
        this.reader = reader;
    }

    /**
     * Starts the runner in an exec channel of {@code session} and waits for its ready line.
     *
     * @throws IOException with the reason when it cannot run there (no perl, the exec refused, no answer in time)
     */
    static NodeRunner start(String endpointName, Session session, Duration wait) throws IOException {
        byte[] script = SCRIPT.getBytes(StandardCharsets.UTF_8);
        String ready = "labbench-node-runner-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        ChannelExec channel;
        FrameReader reader = new FrameReader(ready);
        BoundedBuffer stderr = new BoundedBuffer(2048);
        OutputStream toNode;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(BOOTSTRAP + " " + script.length + " " + ready);
            channel.setOutputStream(reader, false);
            channel.setErrStream(stderr, true);
            toNode = channel.getOutputStream();
            ExecChannelStart.connect(channel, (int) Math.min(3000, wait.toMillis()));
        } catch (JSchException e) {
            throw new IOException("the server refused an exec channel for it (" + e.getMessage() + ")", e);
        }
        NodeRunner runner = new NodeRunner(endpointName, session, channel, toNode, reader, stderr);
        reader.owner = runner;
        try {
            toNode.write(script);
            toNode.flush();
            reader.ready.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return runner;
        } catch (TimeoutException e) {
            runner.close();
            throw new IOException("it did not answer within " + wait.toMillis() + " ms" + said(stderr));
        } catch (java.util.concurrent.ExecutionException e) {
            runner.close();
            waitForClose(channel);
            String exit = channel.getExitStatus() >= 0 ? "exit " + channel.getExitStatus() : "no exit status";
            throw new IOException(e.getCause().getMessage() + " (" + exit + ")" + said(stderr));
        } catch (InterruptedException e) {
            runner.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while it started", e);
        } catch (IOException e) {
            runner.close();
            throw new IOException("cannot send it the script (" + e.getMessage() + ")" + said(stderr), e);
        }
    }

    /** Whether it runs and can take a command. */
    boolean isAlive() {
        return goneReason == null && channel.isConnected() && !channel.isClosed() && session.isConnected();
    }

    Session session() {
        return session;
    }

    /** The node's process id of the runner (for tests). */
    long pid() {
        return reader.pid;
    }

    /**
     * Sends {@code command} to the node; the returned run fills as its output arrives.
     *
     * @throws Gone when the command could not be sent (so it did not run)
     */
    Run start(String command) throws IOException {
        Run run = new Run(ids.incrementAndGet());
        running.put(run.id, run);
        try {
            send('R', run.id, command.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            running.remove(run.id);
            throw new Gone("cannot send the command to " + endpointName + "'s command runner (" + e.getMessage() + ")");
        }
        // Ended between the put and the send: the end may have missed this run. The command may have reached
        // the node, so it fails like one the runner was running (it is not run again).
        String gone = goneReason;
        if (gone != null && running.remove(run.id) != null) {
            run.exit.completeExceptionally(new Gone(gone));
        }
        return run;
    }

    /** Stops waiting for {@code run} and kills its process group on the node. */
    void abandon(Run run) {
        if (running.remove(run.id) != null && isAlive()) {
            try {
                send('K', run.id, "9".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the runner is going away; its end hangs up what it still runs
            }
        }
    }

    /** Called by the reader when the channel's output ended: every command still waiting fails. */
    void checkGone() {
        if (goneReason == null && (!channel.isConnected() || channel.isClosed() || !session.isConnected() || reader.ended)) {
            ended(session.isConnected() ? "its channel closed" + said(ownStderr) : "the connection dropped");
        }
    }

    private void ended(String reason) {
        goneReason = endpointName + "'s command runner stopped: " + reason;
        for (Integer id : List.copyOf(running.keySet())) {
            Run run = running.remove(id);
            if (run != null) {
                run.exit.completeExceptionally(new Gone(goneReason));
            }
        }
    }

    private void send(char type, int id, byte[] payload) throws IOException {
        byte[] frame = ForkServer.frame(type, id, payload, 0, payload.length);
        synchronized (toNode) {
            toNode.write(frame);
            toNode.flush();
        }
    }

    private void frame(int type, int id, byte[] data, int offset, int length) {
        Run run = running.get(id);
        if (run == null) {
            return;   // abandoned (timed out or interrupted): its late output is dropped
        }
        switch (type) {
            case 'O' -> run.stdout.write(data, offset, length);
            case 'E' -> run.stderr.write(data, offset, length);
            case 'X' -> {
                running.remove(id);
                String code = new String(data, offset, length, StandardCharsets.US_ASCII).trim();
                // 128 + N for a command signal N ended: as SshCommandRunner reports sshd's exit-signal for a plain exec
                run.exit.complete(Integer.parseInt(code));
            }
            case 'F' -> {
                running.remove(id);
                run.exit.completeExceptionally(new IOException(endpointName + "'s command runner could not start the command: "
                        + new String(data, offset, length, StandardCharsets.UTF_8)));
            }
            default -> ended("it sent an unknown frame type " + type);
        }
    }

    @Override
    public void close() {
        // closing the channel ends the runner's stdin: it hangs up what still runs and exits
        channel.disconnect();
        if (goneReason == null) {
            ended("it was closed");
        }
    }

    private static void waitForClose(ChannelExec channel) {
        for (int i = 0; i < 50 && !channel.isClosed(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String said(ByteArrayOutputStream stderr) {
        String text = stderr.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    /**
     * The runner's stdout as JSch's session thread hands it over: first the ready line (after whatever a
     * node's dot files may print), then frames, each dispatched to its command as it completes.
     */
    private static final class FrameReader extends OutputStream {
        private final byte[] readyWord;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile NodeRunner owner;
        volatile boolean ended;
        long pid;
        private ByteArrayOutputStream preamble = new ByteArrayOutputStream();
        private byte[] pending = new byte[65536 + ForkServer.HEAD_LENGTH];
        private int pendingLength;

        FrameReader(String readyWord) {
            this.readyWord = (readyWord + " ").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            if (preamble != null) {
                preamble.write(data, offset, length);
                byte[] seen = preamble.toByteArray();
                int at = indexOf(seen, readyWord);
                int lineEnd = at < 0 ? -1 : indexOf(seen, new byte[] {'\n'}, at);
                if (lineEnd < 0) {
                    if (seen.length > MAX_PREAMBLE) {
                        preamble = null;
                        ready.completeExceptionally(new IOException("it printed no ready line"));
                    }
                    return;
                }
                pid = Long.parseLong(new String(seen, at + readyWord.length, lineEnd - at - readyWord.length,
                        StandardCharsets.US_ASCII).trim());
                preamble = null;
                ready.complete(null);
                append(seen, lineEnd + 1, seen.length - lineEnd - 1);
                return;
            }
            append(data, offset, length);
        }

        private void append(byte[] data, int offset, int length) {
            if (pendingLength + length > pending.length) {
                pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
            }
            System.arraycopy(data, offset, pending, pendingLength, length);
            pendingLength += length;
            int at = 0;
            while (pendingLength - at >= ForkServer.HEAD_LENGTH) {
                int size = readInt(pending, at + 5);
                if (pendingLength - at < ForkServer.HEAD_LENGTH + size) {
                    break;
                }
                NodeRunner runner = owner;
                if (runner != null) {
                    runner.frame(pending[at] & 0xff, readInt(pending, at + 1), pending, at + ForkServer.HEAD_LENGTH, size);
                }
                at += ForkServer.HEAD_LENGTH + size;
            }
            System.arraycopy(pending, at, pending, 0, pendingLength - at);
            pendingLength -= at;
        }

        @Override
        public void close() {
            ended = true;
            if (!ready.isDone()) {
                ready.completeExceptionally(new IOException("it ended before it was ready"));
            }
            NodeRunner runner = owner;
            if (runner != null) {
                runner.checkGone();
            }
        }

        private static int readInt(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            return indexOf(haystack, needle, 0);
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Keeps the first {@code limit} bytes: the runner's own complaints, for the log. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, Math.max(0, Math.min(len, limit - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            }
        }
    }
}
