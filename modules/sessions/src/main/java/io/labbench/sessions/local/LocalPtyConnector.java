package io.labbench.sessions.local;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.terminal.ShellConnector;
import io.labbench.sessions.terminal.ShellEnd;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A local shell in a pty (pty4j), sized to the pane. */
public final class LocalPtyConnector implements ShellConnector {

    private final String name;
    private final PtyProcess process;
    private final InputStreamReader reader;
    private final OutputStream output;

    private LocalPtyConnector(String name, PtyProcess process) {
        this.name = name;
        this.process = process;
        this.reader = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
        this.output = process.getOutputStream();
    }

    public static LocalPtyConnector start(LocalShellEndpoint endpoint, TermSize size) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TERM", "xterm-256color");
        env.putAll(endpoint.env());
        PtyProcess process = new PtyProcessBuilder(endpoint.argv().toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(endpoint.workingDir().orElse(java.nio.file.Path.of(System.getProperty("user.home"))).toString())
                .setInitialColumns(size.getColumns())
                .setInitialRows(size.getRows())
                .setRedirectErrorStream(true)
                .start();
        return new LocalPtyConnector(endpoint.name(), process);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        try {
            return reader.read(buffer, offset, length);
        } catch (IOException e) {
            // Linux reports the pty's other side closing as EIO: the shell is gone.
            if (!process.isAlive()) {
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
        return process.isAlive();
    }

    @Override
    public void resize(TermSize size) {
        if (process.isAlive()) {
            process.setWinSize(new WinSize(size.getColumns(), size.getRows()));
        }
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
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
        process.destroy();
    }

    @Override
    public ShellEnd end() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return new ShellEnd.Exited(process.exitValue(), "the shell exited with status " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ShellEnd.Exited(-1, "the shell closed its terminal");
    }
}
