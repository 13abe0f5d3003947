package io.labbench.sessions.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * A real SSH server in the test JVM (Apache MINA SSHD) on 127.0.0.1 and a free port: public-key
 * authentication against the keys you {@link #authorize}, a pty-backed interactive bash, exec commands
 * run by {@code bash -c} (or answered by a {@link #stubCommand stub}), TCP forwarding for jump hosts,
 * counters of exec requests and accepted connections, a host key you can swap, stop/restart on the
 * same port to play a dropped connection, and SFTP when started with {@link #startWithSftp}.
 *
 * <pre>{@code
 * try (TestSshServer server = TestSshServer.start()) {
 *     TestKeys.KeyFiles key = TestKeys.generate(tempDir, TestKeys.Type.ED25519);
 *     server.authorize(key.publicKey());
 *     Files.writeString(knownHosts, server.knownHostsLine());
 *     SshEndpoint node = SshEndpoint.direct("worker1", server.host(), server.port(), "root", List.of(key.privateKey()));
 *     server.stubCommand("ip route", CommandReply.of("default via 10.0.0.1 dev eth0\n"));
 * }
 * }</pre>
 */
public final class TestSshServer implements AutoCloseable {

    private static final List<String> DEFAULT_SHELL = List.of("bash", "--norc", "--noprofile", "-i");

    private final Set<PublicKey> authorizedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Supplier<CommandReply>> stubs = new ConcurrentHashMap<>();
    private final List<String> execCommands = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> execEnvironment = Map.of();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final List<String> shellArgv;
    private final Path home;
    private volatile KeyPair hostKey;
    private volatile boolean stopping;
    private boolean sftp;
    private SshServer server;
    private int port;

    private TestSshServer(List<String> shellArgv, Path home, KeyPair hostKey) {
        this.shellArgv = List.copyOf(shellArgv);
        this.home = home;
        this.hostKey = hostKey;
    }

    /** Starts on a free port with a fresh ECDSA host key, bash as the shell and the user's home. */
    public static TestSshServer start() throws IOException {
        return start(DEFAULT_SHELL, Path.of(System.getProperty("user.home")));
    }

    /** Starts with the given interactive shell command line, starting in {@code home}. */
    public static TestSshServer start(List<String> shellArgv, Path home) throws IOException {
        TestSshServer testServer = new TestSshServer(shellArgv, home, generateHostKey());
        testServer.listen(0);
        return testServer;
    }

    /**
     * Starts like {@link #start(List, Path)} and also serves the SFTP subsystem with {@code home} as its
     * root, as OpenSSH's sftp-server does for a user whose home that is. Needs {@code sshd-sftp} on the
     * test class path (only tests that call this).
     */
    public static TestSshServer startWithSftp(Path home) throws IOException {
        TestSshServer testServer = new TestSshServer(DEFAULT_SHELL, home, generateHostKey());
        testServer.sftp = true;
        testServer.listen(0);
        return testServer;
    }

    /**
     * Environment variables the exec commands get on top of this JVM's (e.g. a {@code PATH} without perl), as
     * a node's sshd and dot files would set them; applies to exec requests that arrive from now on.
     */
    public void setExecEnvironment(Map<String, String> variables) {
        this.execEnvironment = Map.copyOf(variables);
    }

    /** A new ECDSA P-256 key pair, e.g. to {@link #setHostKey change} the host key. */
    public static KeyPair generateHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make EC keys", e);
        }
    }

    private synchronized void listen(int wantedPort) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(wantedPort);
        // MINA writes each SSH packet as its own TCP write. Without TCP_NODELAY, the packets that end a
        // command (EOF, exit status, close) waited behind Nagle's algorithm for the client's delayed ACK:
        // every exec took ~33 ms longer than the command. OpenSSH's sshd sends them in one write.
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setKeyPairProvider(session -> List.of(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) ->
                authorizedKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setShellFactory(channel -> new PtyShellCommand(shellArgv, home, () -> stopping));
        sshd.setCommandFactory((channel, command) -> {
            execCommands.add(command);
            return new ExecCommand(command, Optional.ofNullable(stubs.get(command)), home, execEnvironment);
        });
        sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        if (sftp) {
            SftpSubsystem.install(sshd, home);
        }
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connectionsAccepted.incrementAndGet();
            }
        });
        stopping = false;
        sshd.start();
        server = sshd;
        port = sshd.getPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The port, the same across {@link #restart()}. */
    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null && server.isStarted();
    }

    /** Accepts the public key in an OpenSSH {@code .pub} file (or authorized_keys line) for any user. */
    public void authorize(Path publicKeyFile) throws IOException {
        for (String line : Files.readAllLines(publicKeyFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                authorize(AuthorizedKeyEntry.parseAuthorizedKeyEntry(line));
            }
        }
    }

    private void authorize(AuthorizedKeyEntry entry) throws IOException {
        try {
            authorizedKeys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the public key " + entry, e);
        }
    }

    public void authorize(PublicKey key) {
        authorizedKeys.add(key);
    }

    public void revokeAllKeys() {
        authorizedKeys.clear();
    }

    /** Serves this host key to connections made from now on. */
    public void setHostKey(KeyPair newHostKey) {
        this.hostKey = newHostKey;
    }

    public PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    /** The known_hosts line a client that trusts this server has, e.g. {@code [127.0.0.1]:41234 ecdsa-sha2-nistp256 AAAA…}. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Answers exec requests for exactly {@code command} with {@code reply} instead of running bash. */
    public void stubCommand(String command, CommandReply reply) {
        stubs.put(command, () -> reply);
    }

    /** Answers exec requests for {@code command} with whatever {@code replies} gives at that moment (changing output). */
    public void stubCommand(String command, Supplier<CommandReply> replies) {
        stubs.put(command, replies);
    }

    public void clearStubs() {
        stubs.clear();
    }

    /** How many exec requests arrived (stubbed or not). */
    public int execCount() {
        return execCommands.size();
    }

    /** The exec command lines received, oldest first. */
    public List<String> execCommands() {
        return new ArrayList<>(execCommands);
    }

    /** How many SSH connections (TCP connections that began a session) the server accepted. */
    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Number of sessions open now. */
    public synchronized int activeConnections() {
        return server == null ? 0 : server.getActiveSessions().size();
    }

    /** Cuts every open connection at once without stopping the server, like a network drop. */
    public synchronized void dropConnections() {
        if (server == null) {
            return;
        }
        stopping = true;
        for (var session : server.getActiveSessions()) {
            session.close(true);
        }
        waitUntilNoSessions();
        stopping = false;
    }

    /** Stops listening and cuts every connection (shells end without an exit status, as when a host dies). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopping = true;
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the test SSH server failed", e);
        }
        server = null;
    }

    /** Starts again on the same port (after {@link #stop()}), with the same keys and stubs. */
    public synchronized void restart() throws IOException {
        stop();
        IOException last = null;
        // The old listening socket can take a moment to be released on a loaded machine.
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                listen(port);
                return;
            } catch (IOException e) {
                last = e;
                sleep(200);
            }
        }
        throw new IOException("cannot listen on port " + port + " again", last);
    }

    private void waitUntilNoSessions() {
        for (int i = 0; i < 100 && !server.getActiveSessions().isEmpty(); i++) {
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
