package io.labbench.sessions.bench;

import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.SshFixture;
import io.labbench.sessions.testing.OpenSshServer;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server, a key, a hub with one endpoint {@code node}, and the matching OpenSSH command line. The server
 * is the in-JVM MINA server, or with {@link #preferringOpenSsh()} Debian's sshd when it can run here.
 * Public because the app's benchmarks (through the sessions test-jar) time against the same bed.
 */
public final class BenchBed implements AutoCloseable {

    /** The hub's one endpoint. */
    public static final String NODE = "node";

    private final Path dir;
    /** The MINA server, when that is the server (it counts the connections it accepted). */
    final Optional<TestSshServer> mina;
    private final AutoCloseable server;
    private final String serverName;
    private final String host;
    private final int port;
    private final List<SessionHub> extraHubs = new ArrayList<>();
    private final TestKeys.KeyFiles key;
    private final SessionHub hub;

    /** Against the in-JVM MINA server. */
    BenchBed() throws IOException {
        this(false);
    }

    /** Against Debian's sshd if it can run here (see {@link OpenSshServer#unavailableReason()}), else MINA. */
    public static BenchBed preferringOpenSsh() throws IOException {
        return preferringOpenSsh(TestKeys.Type.ECDSA);
    }

    /** As {@link #preferringOpenSsh()}, the client logging in with a key of {@code keyType}. */
    public static BenchBed preferringOpenSsh(TestKeys.Type keyType) throws IOException {
        return new BenchBed(true, keyType);
    }

    private BenchBed(boolean openSsh) throws IOException {
        this(openSsh, TestKeys.Type.ECDSA);
    }

    private BenchBed(boolean openSsh, TestKeys.Type keyType) throws IOException {
        dir = Files.createTempDirectory("lbt-bench");
        key = TestKeys.generate(dir.resolve("keys"), keyType);
        Optional<String> noSshd = openSsh ? OpenSshServer.unavailableReason() : Optional.of("not asked for");
        String knownHosts;
        if (noSshd.isEmpty()) {
            OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key);
            server = sshd;
            mina = Optional.empty();
            serverName = "OpenSSH sshd";
            host = sshd.host();
            port = sshd.port();
            knownHosts = sshd.knownHostsLine();
        } else {
            TestSshServer started = TestSshServer.start();
            started.authorize(key.publicKey());
            server = started;
            mina = Optional.of(started);
            serverName = openSsh ? "MINA SSHD in this JVM (" + noSshd.get() + ")" : "MINA SSHD in this JVM";
            host = started.host();
            port = started.port();
            knownHosts = started.knownHostsLine();
        }
        Files.writeString(knownHosts(), knownHosts + "\n");
        hub = hub(true);
    }

    /** A hub with endpoint {@code node} on this server; {@code nodeRunner} false makes every command a plain exec channel. */
    public SessionHub hub(boolean nodeRunner) {
        SessionHub made = SessionHub.builder(SshFixture.workspace(SshEndpoint.direct(NODE, host, port, "root", List.of(key.privateKey()))))
                .sshSettings(SshFixture.settings(dir)).nodeRunner(nodeRunner).build();
        extraHubs.add(made);
        return made;
    }

    /** A scratch folder, deleted on {@link #close()}. */
    public Path dir() {
        return dir;
    }

    /** Which server runs, and why MINA when sshd was asked for and could not run. */
    public String serverName() {
        return serverName;
    }

    /** Whether the server is Debian's sshd (not the MINA fallback). */
    public boolean isOpenSsh() {
        return mina.isEmpty();
    }

    /** The hub with the one endpoint {@link #NODE} (commands through the node runner), trusting the server's host key. */
    public SessionHub hub() {
        return hub;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The client's private key file. */
    public Path privateKey() {
        return key.privateKey();
    }

    /** A known_hosts file holding the server's host key. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** {@code ssh -p PORT 127.0.0.1 COMMAND} as the brief defines it, never touching the user's known_hosts. */
    List<String> openSsh(String command) {
        return new ArrayList<>(List.of("ssh", "-p", Integer.toString(port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-i", key.privateKey().toString(), "root@" + host, command));
    }

    /** Runs the OpenSSH client with output discarded; returns elapsed nanoseconds. */
    long timeOpenSsh(String command) throws IOException, InterruptedException {
        return time(openSsh(command), Path.of("/dev/null"));
    }

    /**
     * {@code ssh -tt} into the server's interactive shell with {@code script} as what is typed: OpenSSH through
     * the server's pty, as a terminal pane gets it; output discarded, elapsed nanoseconds returned.
     */
    long timeOpenSshShell(Path script) throws IOException, InterruptedException {
        List<String> argv = openSsh("");
        argv.remove(argv.size() - 1);
        argv.add(argv.size() - 1, "-tt");
        return time(argv, script);
    }

    private static long time(List<String> argv, Path input) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(input.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(argv + " failed (exit " + (process.isAlive() ? "none, still running" : process.exitValue()) + ")");
        }
        return System.nanoTime() - started;
    }

    @Override
    public void close() throws Exception {
        extraHubs.forEach(SessionHub::close);
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
