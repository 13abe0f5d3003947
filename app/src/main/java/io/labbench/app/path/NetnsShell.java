package io.labbench.app.path;

import io.labbench.packetpath.live.MachineShell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code sh} kept running inside a machine's namespace for short questions ({@code ip route get …}): each
 * command is written to its stdin and its output read up to an end marker, so a question costs the one process
 * it runs ({@code ip}) instead of a new {@code nsenter}, {@code sh} and the JVM's process start for each — the
 * walk asks its route questions one after another, so that cost added up to most of a trace under load.
 * Output and errors come back together as stdout, as a route answer is read from both.
 */
final class NetnsShell implements AutoCloseable {
    private static final String END = "----labbench-end-";

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private final String machine;

    NetnsShell(String machine, List<String> nsenterArgv) throws IOException {
        this.machine = machine;
        this.process = new ProcessBuilder(nsenterArgv).redirectErrorStream(true).start();
        this.in = process.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Runs {@code command}; a command that does not end within {@code timeoutSeconds} ends the shell. */
    synchronized MachineShell.Output run(String command, long timeoutSeconds, ScheduledExecutorService timer) throws IOException {
        String marker = END + Long.toHexString(System.nanoTime());
        // stdin is the shell's own script: the command must not read it, so it gets /dev/null
        in.write(("{ " + command + "\n} </dev/null 2>&1; echo; echo " + marker + " $?\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        ScheduledFuture<?> guard = timer.schedule(process::destroyForcibly, timeoutSeconds, TimeUnit.SECONDS);
        try {
            StringBuilder text = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(marker + " ")) {
                    // the echo before the marker ends a last line without a newline; it is not output
                    int length = text.length();
                    if (length > 0 && text.charAt(length - 1) == '\n') {
                        text.setLength(length - 1);
                    }
                    return new MachineShell.Output(Integer.parseInt(line.substring(marker.length() + 1).strip()), text.toString(), "");
                }
                text.append(line).append('\n');
            }
            throw new IOException("the shell in " + machine + " ended while running '" + command + "'"
                    + (guard.isDone() ? " (it did not answer within " + timeoutSeconds + " s)" : ""));
        } finally {
            guard.cancel(false);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the shell is going anyway
        }
        process.destroy();
    }
}
