package io.labbench.sessions.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}, package openssh-server) on 127.0.0.1 and a free port,
 * with a config, host key and authorized_keys of its own in a temporary folder: the server a learner's
 * real nodes run, for benchmarks that compare LabBench's client with OpenSSH's on an equal footing (the
 * in-JVM {@link TestSshServer}'s pty path caps any client at a few MB/s). Its root logs in to a stock home
 * (see {@link #start}), not this machine's. Needs root (sshd's privilege separation, the mount namespace) and
 * the package; {@link #unavailableReason} says why it cannot run otherwise.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process sshd;
    private final int port;
    private final Path hostKeyPub;
    private final Path authorizedKeys;

    private OpenSshServer(Process sshd, int port, Path hostKeyPub, Path authorizedKeys) {
        this.sshd = sshd;
        this.port = port;
        this.hostKeyPub = hostKeyPub;
        this.authorizedKeys = authorizedKeys;
    }

    /** Why this machine cannot run it (no sshd, not root), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!Files.isExecutable(SSHD)) {
            return Optional.of(SSHD + " is missing (apt-get install openssh-server)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("sshd needs root for its privilege separation");
        }
        return Optional.empty();
    }

    /** Starts sshd in {@code dir} (created), accepting {@code clientKey}'s public key for root. */
    public static OpenSshServer start(Path dir, TestKeys.KeyFiles clientKey) throws IOException {
        return start(dir, clientKey, List.of());
    }

    /** Starts like {@link #start(Path, TestKeys.KeyFiles)} with more {@code sshd_config} lines (e.g. {@code SetEnv PATH=…}). */
    public static OpenSshServer start(Path dir, TestKeys.KeyFiles clientKey, List<String> moreConfig) throws IOException {
        Files.createDirectories(dir);
        TestKeys.KeyFiles hostKey = TestKeys.generate(dir.resolve("host"), TestKeys.Type.ECDSA);
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, clientKey.publicKeyLine() + "\n");
        // sshd refuses to start without its privilege-separation folder; Debian's package makes it only at boot
        Files.createDirectories(Path.of("/run/sshd"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey.privateKey(),
                "PidFile none",
                "AuthorizedKeysFile " + authorized,
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "PrintMotd no",
                "PrintLastLog no",
                // the benchmark's shells must not write into root's history
                "SetEnv HISTFILE=/dev/null",
                "LogLevel INFO")) + "\n" + String.join("\n", moreConfig) + "\n");
        Path rootHome = stockRootHome(dir.resolve("root-home"));
        // In a mount namespace of its own, sshd's root logs in to rootHome mounted over /root: the home a fresh
        // node's root has (Debian's stock dot files, which do nothing for a command that is not interactive),
        // not this machine's. Debian's bash reads ~/.bashrc for every command sshd runs; the developer's here
        // ran pyenv's init, 1-3 s per command and once a 60 s wait on a stale pyenv lock, which the benchmarks
        // then counted as the SSH client's time. The bind mount is private: nothing outside sshd sees it.
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount --bind \"$0\" /root && exec \"$1\" -D -e -f \"$2\"",
                rootHome.toString(), SSHD.toString(), config.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        StringBuilder said = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!listening.isDone()) {
                        said.append(line).append('\n');
                        if (line.startsWith("Server listening on 127.0.0.1 port " + port)) {
                            listening.complete(null);
                        }
                    }
                }
            } catch (IOException ignored) {
                // sshd ended
            }
            listening.completeExceptionally(new IOException("sshd stopped: " + said.toString().strip()));
        }, "sshd-output");
        drain.setDaemon(true);
        drain.start();
        try {
            listening.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("sshd did not listen on 127.0.0.1:" + port + " within 20 s: " + said.toString().strip(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting sshd", e);
        }
        return new OpenSshServer(process, port, hostKey.publicKey(), authorized);
    }

    /** A root home holding what Debian's openssh-server machines start with: /etc/skel's dot files. */
    private static Path stockRootHome(Path home) throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        for (String file : List.of(".bashrc", ".profile")) {
            Path stock = Path.of("/etc/skel", file);
            if (Files.isRegularFile(stock)) {
                Files.copy(stock, home.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return home;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…}, for a known_hosts file. */
    public String knownHostsLine() throws IOException {
        String[] fields = Files.readString(hostKeyPub, StandardCharsets.UTF_8).strip().split(" ");
        return "[" + host() + "]:" + port + " " + fields[0] + " " + fields[1];
    }

    /** Accepts one more public key (an OpenSSH {@code .pub} file). */
    public void authorize(Path publicKeyFile) throws IOException {
        Files.writeString(authorizedKeys, Files.readString(publicKeyFile).strip() + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /** Stops the listening sshd and the sessions it forked (they are its descendants). */
    @Override
    public void close() {
        sshd.descendants().forEach(ProcessHandle::destroy);
        sshd.destroy();
        try {
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            sshd.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
