package io.labbench.locallab.nlb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The controller's log in the real one's JSON lines ({@code {"level":"info","ts":…,"logger":
 * "controllers.service","msg":"successfully deployed model","service":{…}}}), appended to a file in
 * the lab folder that {@code kubectl logs} of the controller's pod and the tests read.
 */
final class ControllerLog {

    private final Path file;

    ControllerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void info(String logger, String msg, String namespace, String name, String extraJson) {
        write("info", logger, msg, namespace, name, extraJson);
    }

    void error(String logger, String msg, String namespace, String name, String error) {
        write("error", logger, msg, namespace, name, "\"error\":" + quote(error));
    }

    private synchronized void write(String level, String logger, String msg, String namespace, String name, String extraJson) {
        String line = "{\"level\":\"" + level + "\",\"ts\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"logger\":"
                + quote(logger) + ",\"msg\":" + quote(msg) + ",\"service\":{\"namespace\":" + quote(namespace) + ",\"name\":"
                + quote(name) + "}" + (extraJson.isEmpty() ? "" : "," + extraJson) + "}\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the load balancer controller's log " + file, e);
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
