package io.labbench.sessions.testing;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.pty4j.unix.CLibrary;
import com.pty4j.unix.Pollfd;
import com.pty4j.unix.UnixPtyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An interactive shell for MINA SSHD in a real pty (pty4j): sized from the client's pty request
 * (TERM, COLUMNS, LINES) and resized on window-change, so job control, {@code stty size} and full-screen
 * programs behave as under OpenSSH's sshd. MINA's own ProcessShellFactory has no pty.
 */
final class PtyShellCommand implements Command {

    /** The most a Linux pty hands out per read (its line discipline's buffer). */
    private static final int PTY_READ_BYTES = 4096;
    /** What one SSH data message carries at most from here, like OpenSSH's sshd (32 KB packets). */
    private static final int PACKET_BYTES = 32 * 1024;

    private final List<String> argv;
    private final Path home;
    private final BooleanSupplier serverStopping;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exitCallback;
    private volatile PtyProcess process;
    private volatile boolean destroyed;

    PtyShellCommand(List<String> argv, Path home, BooleanSupplier serverStopping) {
        this.argv = argv;
        this.home = home;
        this.serverStopping = serverStopping;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // A pty has one output; stderr goes through it.
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.put("TERM", env.getEnv().getOrDefault("TERM", "xterm"));
        vars.put("PS1", "lbt$ ");
        vars.put("HISTFILE", "/dev/null");
        vars.put("HOME", home.toString());
        process = new PtyProcessBuilder(argv.toArray(String[]::new))
                .setEnvironment(vars)
                .setDirectory(home.toString())
                .setInitialColumns(number(env.getEnv().get("COLUMNS"), 80))
                .setInitialRows(number(env.getEnv().get("LINES"), 24))
                .start();
        env.addSignalListener((signalChannel, signal) -> {
            PtyProcess running = process;
            if (running != null && running.isAlive()) {
                running.setWinSize(new WinSize(number(env.getEnv().get("COLUMNS"), 80), number(env.getEnv().get("LINES"), 24)));
            }
        }, Signal.WINCH);
        Thread input = new Thread(this::pumpInput, "lbt-sshd-pty-in");
        input.setDaemon(true);
        input.start();
        Thread output = new Thread(this::pumpOutput, "lbt-sshd-pty-out");
        output.setDaemon(true);
        output.start();
    }

    private void pumpInput() {
        byte[] buffer = new byte[8192];
        try {
            OutputStream toShell = process.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                toShell.write(buffer, 0, n);
                toShell.flush();
            }
        } catch (IOException e) {
            // The channel or the shell closed: the output pump reports the end.
        }
    }

    private void pumpOutput() {
        byte[] packet = new byte[PACKET_BYTES];
        try {
            InputStream fromShell = process.getInputStream();
            int masterFd = ((UnixPtyProcess) process).getPty().getMasterFD();
            int n;
            // pty4j's stream allocates and copies through JNA as many bytes as asked for on every read,
            // while a pty hands out at most 4 KB: ask for that. Then gather what is already waiting into
            // one packet, as OpenSSH's sshd does, instead of one SSH message per pty read.
            while ((n = fromShell.read(packet, 0, PTY_READ_BYTES)) >= 0) {
                int filled = n;
                while (filled + PTY_READ_BYTES <= packet.length && readable(masterFd)) {
                    int more = fromShell.read(packet, filled, PTY_READ_BYTES);
                    if (more <= 0) {
                        break;
                    }
                    filled += more;
                }
                out.write(packet, 0, filled);
                out.flush();
            }
        } catch (IOException e) {
            // Linux reports the end of a pty as EIO.
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        // When the server stops or the channel is torn down, stay silent like a dying sshd: a client
        // must see a dropped connection, not an exit status.
        if (!destroyed && !serverStopping.getAsBoolean()) {
            exitCallback.onExit(code);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        PtyProcess running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /** Whether the pty has output waiting now (pty4j's {@code available()} always says 0). */
    private static boolean readable(int fd) {
        Pollfd[] fds = {new Pollfd(fd, CLibrary.POLLIN)};
        return CLibrary.poll(fds, 0) > 0 && (fds[0].getRevents() & CLibrary.POLLIN) != 0;
    }

    private static int number(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
