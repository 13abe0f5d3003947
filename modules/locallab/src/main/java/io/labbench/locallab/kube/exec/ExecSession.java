package io.labbench.locallab.kube.exec;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code kubectl exec}: starts the command (with a pty for {@code -t}), copies its output to the
 * stdout/stderr channels, feeds stdin and resizes from the client, and ends with the status frame
 * kubectl turns into its exit code.
 */
final class ExecSession extends WebSocketListener {

    private static final Logger LOG = Logger.getLogger(ExecSession.class.getName());

    /** What kubectl asked for. */
    record Request(List<String> argv, List<String> shownCommand, boolean stdin, boolean stderr, boolean tty,
                   Map<String, String> environment, String notice) {
    }

    private final Request request;
    private volatile Process process;
    private volatile OutputStream processInput;

    ExecSession(Request request) {
        this.request = request;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
        try {
            process = start();
        } catch (IOException | RuntimeException e) {
            ws.send(ChannelFrames.frame(ChannelFrames.STATUS, ChannelFrames.startFailure(
                    "failed to start " + String.join(" ", request.shownCommand()) + " in the pod: " + e.getMessage())));
            ws.close(1000, "");
            return;
        }
        processInput = process.getOutputStream();
        if (!request.stdin()) {
            closeQuietly(processInput);
        }
        if (!request.notice().isEmpty()) {
            ws.send(ChannelFrames.frame(request.stderr() ? ChannelFrames.STDERR : ChannelFrames.STDOUT, request.notice()));
        }
        Thread out = pump(ws, process.getInputStream(), ChannelFrames.STDOUT);
        Thread err = request.tty() ? null : pump(ws, process.getErrorStream(),
                request.stderr() ? ChannelFrames.STDERR : -1);
        Thread waiter = new Thread(() -> finish(ws, out, err), "kube-exec-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private Process start() throws IOException {
        if (request.tty()) {
            return new PtyProcessBuilder(request.argv().toArray(String[]::new))
                    .setEnvironment(request.environment())
                    .setInitialColumns(80)
                    .setInitialRows(24)
                    .setRedirectErrorStream(true)
                    .setDirectory("/")
                    .start();
        }
        // A container's shell starts in its image's working directory, not in LabBench's.
        ProcessBuilder pb = new ProcessBuilder(request.argv()).directory(new java.io.File("/"));
        pb.environment().clear();
        pb.environment().putAll(request.environment());
        return pb.start();
    }

    private Thread pump(WebSocket ws, InputStream in, int channel) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0 && channel >= 0) {
                        ws.send(ChannelFrames.frame(channel, buf, n));
                    }
                }
            } catch (IOException e) {
                // The pty reports EIO once the shell has exited: that is the end of output.
            }
        }, "kube-exec-out-" + channel);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void finish(WebSocket ws, Thread out, Thread err) {
        try {
            int code = process.waitFor();
            out.join(TimeUnit.SECONDS.toMillis(2));
            if (err != null) {
                err.join(TimeUnit.SECONDS.toMillis(2));
            }
            ws.send(ChannelFrames.frame(ChannelFrames.STATUS, ChannelFrames.exitStatus(code, request.shownCommand())));
            ws.close(1000, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
        int channel = ChannelFrames.channel(bytes);
        byte[] data = ChannelFrames.payload(bytes);
        try {
            if (channel == ChannelFrames.STDIN && processInput != null && data.length > 0) {
                processInput.write(data);
                processInput.flush();
            } else if (channel == ChannelFrames.RESIZE && process instanceof PtyProcess pty) {
                String json = new String(data, StandardCharsets.UTF_8);
                int width = intField(json, "Width");
                int height = intField(json, "Height");
                if (width > 0 && height > 0) {
                    pty.setWinSize(new WinSize(width, height));
                }
            } else if (channel == ChannelFrames.CLOSE && data.length > 0 && data[0] == ChannelFrames.STDIN) {
                closeQuietly(processInput);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "exec stdin closed", e);
        }
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
        onMessage(ws, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
        stop();
    }

    @Override
    public void onFailure(WebSocket ws, Throwable error, Response response) {
        stop();
    }

    private void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    private static int intField(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // already closed
        }
    }
}
