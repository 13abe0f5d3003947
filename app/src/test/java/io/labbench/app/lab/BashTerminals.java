package io.labbench.app.lab;

import io.labbench.app.shell.TerminalDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Terminals for tests: each name is a real bash process reading what is typed on its stdin; what it
 * prints is kept so a test can see the command really ran there.
 */
final class BashTerminals implements TerminalDirectory, AutoCloseable {
    private final Map<String, Process> shells = new LinkedHashMap<>();
    private final Map<String, StringBuffer> output = new LinkedHashMap<>();
    final List<String> typed = new CopyOnWriteArrayList<>();
    final List<String> focused = new CopyOnWriteArrayList<>();

    BashTerminals(String... names) throws IOException {
        for (String name : names) {
            Process process = new ProcessBuilder("bash", "--norc", "--noprofile").redirectErrorStream(true).start();
            StringBuffer buffer = new StringBuffer();
            Thread reader = new Thread(() -> pump(process.getInputStream(), buffer), "bash-" + name);
            reader.setDaemon(true);
            reader.start();
            shells.put(name, process);
            output.put(name, buffer);
        }
    }

    private static void pump(InputStream in, StringBuffer into) {
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                into.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the shell ended
        }
    }

    @Override
    public List<String> names() {
        return List.copyOf(shells.keySet());
    }

    @Override
    public void type(String terminalName, String text, boolean pressEnter) {
        Process shell = shells.get(terminalName);
        if (shell == null) {
            throw new IllegalArgumentException("No terminal named " + terminalName);
        }
        typed.add(terminalName + ": " + text);
        try {
            OutputStream in = shell.getOutputStream();
            in.write((text + (pressEnter ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        focus(terminalName);
    }

    @Override
    public void focus(String terminalName) {
        focused.add(terminalName);
    }

    @Override
    public List<String> recentLines(String terminalName, int maxLines) {
        StringBuffer buffer = output.get(terminalName);
        if (buffer == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(buffer.toString().split("\n")));
        return lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
    }

    String output(String terminalName) {
        return output.get(terminalName).toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : shells.values()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
