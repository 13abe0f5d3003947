package io.labbench.sessions.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Client-side SSH settings shared by all endpoints.
 *
 * @param knownHostsFile      checked for every host and appended to on "accept always"
 * @param sshConfigFile       an OpenSSH client config read for aliases (HostName, User, Port, IdentityFile, ProxyJump)
 * @param defaultIdentityFiles tried when neither the endpoint nor the ssh config names a key
 * @param agentSocket         ssh-agent's socket ({@code SSH_AUTH_SOCK}); its keys are tried after key files
 * @param keepAliveInterval   how often an idle connection is probed; after {@code keepAliveCountMax}
 *                            unanswered probes it counts as dropped
 */
public record SshSettings(Path knownHostsFile, Optional<Path> sshConfigFile, List<Path> defaultIdentityFiles,
                          Optional<Path> agentSocket, String defaultUser, Duration connectTimeout,
                          Duration keepAliveInterval, int keepAliveCountMax, ReconnectBackoff backoff) {

    public SshSettings {
        defaultIdentityFiles = List.copyOf(defaultIdentityFiles);
    }

    /** The user's OpenSSH files under {@code ~/.ssh} and the agent from {@code SSH_AUTH_SOCK}. */
    public static SshSettings fromEnvironment() {
        return fromEnvironment(Path.of(System.getProperty("user.home")), System.getenv());
    }

    static SshSettings fromEnvironment(Path home, Map<String, String> env) {
        Path ssh = home.resolve(".ssh");
        Path config = ssh.resolve("config");
        List<Path> identities = Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
                .map(ssh::resolve).filter(Files::isRegularFile).toList();
        Optional<Path> agent = Optional.ofNullable(env.get("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()).map(Path::of);
        String user = Optional.ofNullable(System.getProperty("user.name")).orElse("root");
        return new SshSettings(ssh.resolve("known_hosts"), Files.isRegularFile(config) ? Optional.of(config) : Optional.empty(),
                identities, agent, user, Duration.ofSeconds(15), Duration.ofSeconds(15), 3, ReconnectBackoff.standard());
    }

    /** Settings that read nothing of the user's own {@code ~/.ssh}: for tests and benchmarks. */
    public static SshSettings isolated(Path knownHostsFile) {
        String user = Optional.ofNullable(System.getProperty("user.name")).orElse("root");
        return new SshSettings(knownHostsFile, Optional.empty(), List.of(), Optional.empty(), user,
                Duration.ofSeconds(20), Duration.ofSeconds(5), 3, ReconnectBackoff.standard());
    }

    public SshSettings withSshConfig(Path file) {
        return new SshSettings(knownHostsFile, Optional.of(file), defaultIdentityFiles, agentSocket, defaultUser,
                connectTimeout, keepAliveInterval, keepAliveCountMax, backoff);
    }

    public SshSettings withDefaultIdentities(List<Path> files) {
        return new SshSettings(knownHostsFile, sshConfigFile, files, agentSocket, defaultUser,
                connectTimeout, keepAliveInterval, keepAliveCountMax, backoff);
    }

    public SshSettings withAgent(Path socket) {
        return new SshSettings(knownHostsFile, sshConfigFile, defaultIdentityFiles, Optional.of(socket), defaultUser,
                connectTimeout, keepAliveInterval, keepAliveCountMax, backoff);
    }

    public SshSettings withBackoff(ReconnectBackoff newBackoff) {
        return new SshSettings(knownHostsFile, sshConfigFile, defaultIdentityFiles, agentSocket, defaultUser,
                connectTimeout, keepAliveInterval, keepAliveCountMax, newBackoff);
    }

    public SshSettings withKeepAlive(Duration interval, int countMax) {
        return new SshSettings(knownHostsFile, sshConfigFile, defaultIdentityFiles, agentSocket, defaultUser,
                connectTimeout, interval, countMax, backoff);
    }
}
