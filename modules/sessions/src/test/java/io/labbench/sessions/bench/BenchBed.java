package io.labbench.sessions.bench;

import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A MINA server, a key, a hub with one endpoint {@code node}, and the matching OpenSSH command line. */
final class BenchBed implements AutoCloseable {

    final Path dir;
    final TestSshServer server;
    final TestKeys.KeyFiles key;
    final SessionHub hub;

    BenchBed() throws IOException {
        dir = Files.createTempDirectory("lbt-bench");
        server = TestSshServer.start();
        key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
        SshFixture.trust(dir, server);
        hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("node", server, key.privateKey())))
                .sshSettings(SshFixture.settings(dir)).build();
    }

    /** {@code ssh -p PORT 127.0.0.1 COMMAND} as the brief defines it, never touching the user's known_hosts. */
    List<String> openSsh(String command) {
        return new ArrayList<>(List.of("ssh", "-p", Integer.toString(server.port()), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-i", key.privateKey().toString(), "root@127.0.0.1", command));
    }

    /** Runs the OpenSSH client with output discarded; returns elapsed nanoseconds. */
    long timeOpenSsh(String command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(openSsh(command)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ssh " + command + " failed (exit " + process.exitValue() + ")");
        }
        return System.nanoTime() - started;
    }

    @Override
    public void close() throws IOException {
        hub.close();
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
