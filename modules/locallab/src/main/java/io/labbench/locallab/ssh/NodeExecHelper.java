package io.labbench.locallab.ssh;

import io.labbench.sessions.forkserver.ForkServer;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's end of a lab machine's exec helper: one Perl process ({@code exec-helper.pl}; Debian's
 * {@code perl-base} is Essential, and the lab already runs Perl for pods' namespaces) started inside the
 * machine's namespaces, which forks each exec'ed command there. A command then costs one fork and one
 * exec in an already-placed process, instead of the JVM's spawn helper, {@code nsenter} entering three
 * namespaces and the command: the start of a watch's command was most of its time, and every process
 * start waits for a CPU on a loaded machine.
 *
 * <p>Why Perl and not a tiny native helper: no hand-written machine code, nothing to build, and a
 * readable script a learner can open. Why not a warm bash: bash cannot keep stdout and stderr apart
 * per command or report a command's exit without a shell between them.
 *
 * <p>The helper talks in frames over its stdin and stdout; its frames, spare children, stdin feeding and
 * reaping are sessions' {@link ForkServer}'s, which the node runner on SSH nodes shares. It is also the
 * holder of the machine's namespaces ({@link MachineNamespaces}), and ends when its stdin does.
 * If it dies, every command it ran ends with {@link #HELPER_GONE} and a message on stderr, and
 * {@link MachineNamespaces} starts a new one for the next command.
 */
final class NodeExecHelper implements Closeable {

    /** The exit code of a command whose helper ended under it (as ssh's own "connection lost"). */
    static final int HELPER_GONE = 255;
    static final String SCRIPT = ForkServer.program(NodeExecHelper.class, "exec-helper.pl");

    /** What one running command hears from the helper; called on the helper's reader thread. */
    interface Listener {
        void stdout(byte[] data) throws IOException;

        void stderr(byte[] data) throws IOException;

        /** The command ended with {@code code} (128 + signal when killed); nothing follows. */
        void exited(int code);
    }

    private static final AtomicInteger READERS = new AtomicInteger();

    private final String machine;
    private final Process process;
    private final OutputStream toHelper;
    private final Map<Integer, Listener> running = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean gone;

    /** Takes over a started helper whose ready line has been read; {@code fromHelper} is positioned after it. */
    NodeExecHelper(String machine, Process process, InputStream fromHelper) {
        this.machine = machine;
        this.process = process;
        this.toHelper = process.getOutputStream();
        Thread reader = new Thread(() -> read(new DataInputStream(fromHelper)),
                "locallab-exec-helper-" + machine + "-" + READERS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    static List<String> argv(String readyLine) {
        return List.of("perl", "-e", SCRIPT, readyLine);
    }

    boolean isAlive() {
        return !gone && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts {@code argv} in {@code workingDir} with exactly {@code environment}; returns its id for {@link #stdin}/{@link #signal}. */
    int start(List<String> argv, Map<String, String> environment, String workingDir, Listener listener) throws IOException {
        int id = ids.incrementAndGet();
        StringBuilder payload = new StringBuilder(workingDir).append('\0').append(environment.size());
        environment.forEach((name, value) -> payload.append('\0').append(name).append('=').append(value));
        argv.forEach(word -> payload.append('\0').append(word));
        running.put(id, listener);
        try {
            send('R', id, payload.toString().getBytes(StandardCharsets.UTF_8), 0, -1);
        } catch (IOException e) {
            running.remove(id);
            throw e;
        }
        if (gone && running.remove(id) != null) {
            throw new IOException(machine + "'s exec helper has ended");
        }
        return id;
    }

    /** Bytes for the command's stdin; {@code length} 0 ends its stdin. */
    void stdin(int id, byte[] data, int offset, int length) throws IOException {
        send('I', id, data, offset, length);
    }

    void signal(int id, int signal) throws IOException {
        send('K', id, Integer.toString(signal).getBytes(StandardCharsets.US_ASCII), 0, -1);
    }

    private void send(char type, int id, byte[] data, int offset, int length) throws IOException {
        byte[] frame = ForkServer.frame(type, id, data, offset, length < 0 ? data.length : length);
        synchronized (toHelper) {
            toHelper.write(frame);
            toHelper.flush();
        }
    }

    private void read(DataInputStream in) {
        String reason = "it ended";
        try {
            while (true) {
                int type = in.readUnsignedByte();
                int id = in.readInt();
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                Listener listener = running.get(id);
                if (listener == null) {
                    continue;
                }
                try {
                    switch (type) {
                        case 'O' -> listener.stdout(data);
                        case 'E' -> listener.stderr(data);
                        case 'X' -> {
                            running.remove(id);
                            listener.exited(Integer.parseInt(new String(data, StandardCharsets.US_ASCII).trim()));
                        }
                        case 'F' -> {
                            running.remove(id);
                            listener.stderr(("labbench: " + machine + ": cannot start the command: "
                                    + new String(data, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
                            listener.exited(126);
                        }
                        default -> throw new IOException("unknown frame type " + type);
                    }
                } catch (IOException e) {
                    // this command's channel is gone: end the command; the helper and the other commands go on
                    running.remove(id);
                    try {
                        signal(id, 9);
                    } catch (IOException gone) {
                        // the helper's stdin is closed: the next read ends this loop
                    }
                }
            }
        } catch (EOFException e) {
            reason = "it ended (exit " + exitCode() + ")";
        } catch (IOException | RuntimeException e) {
            reason = "its output could not be read (" + e.getMessage() + ")";
        } finally {
            gone = true;
            process.destroyForcibly();
            String message = "labbench: " + machine + "'s exec helper stopped while this command ran: " + reason
                    + "; run the command again (a new helper starts)\n";
            for (Integer id : List.copyOf(running.keySet())) {
                Listener listener = running.remove(id);
                if (listener != null) {
                    try {
                        listener.stderr(message.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                        // the channel is gone too
                    }
                    listener.exited(HELPER_GONE);
                }
            }
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        gone = true;
        process.destroy();
    }
}
