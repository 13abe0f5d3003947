package io.labbench.app.watch;

import io.labbench.sessions.Endpoint;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.testing.CommandReply;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real SSH nodes for the panel tests: one MINA SSHD server per node name, trusted and authorised with
 * a fresh key, and a {@link SessionHub} whose runners reach them over one shared connection each.
 * Each node answers one watched command with whatever output the test sets.
 */
final class SshNodes implements AutoCloseable {

    private final Map<String, TestSshServer> servers = new LinkedHashMap<>();
    private final Map<String, AtomicReference<String>> outputs = new LinkedHashMap<>();
    private final SessionHub hub;

    SshNodes(Path dir, String command, String... nodeNames) throws IOException {
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ED25519);
        Path knownHosts = dir.resolve("known_hosts");
        List<Endpoint> endpoints = new ArrayList<>();
        for (String node : nodeNames) {
            TestSshServer server = TestSshServer.start();
            server.authorize(key.publicKey());
            Files.writeString(knownHosts, server.knownHostsLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            AtomicReference<String> output = new AtomicReference<>("");
            server.stubCommand(command, () -> CommandReply.of(output.get()));
            servers.put(node, server);
            outputs.put(node, output);
            endpoints.add(SshEndpoint.direct(node, server.host(), server.port(), "root", List.of(key.privateKey())));
        }
        hub = SessionHub.builder(new Workspace("lbt-watch", Backend.LOCAL, endpoints, Map.of()))
                // plain exec channels: the nodes' outputs are stubbed replies to exec requests, which the command
                // runner the hub would keep on each node bypasses (it runs the real command)
                .sshSettings(SshSettings.isolated(knownHosts)).nodeRunner(false).build();
    }

    SessionHub hub() {
        return hub;
    }

    TestSshServer server(String node) {
        return servers.get(node);
    }

    void output(String node, String text) {
        outputs.get(node).set(text);
    }

    /** Makes {@code node} answer {@code command} with whatever {@code output} gives at each run. */
    void stub(String node, String command, java.util.function.Supplier<String> output) {
        servers.get(node).stubCommand(command, () -> CommandReply.of(output.get()));
    }

    /** Exec requests for {@code command} that reached {@code node}. */
    long runs(String node, String command) {
        return servers.get(node).execCommands().stream().filter(command::equals).count();
    }

    @Override
    public void close() {
        hub.close();
        servers.values().forEach(TestSshServer::close);
    }
}
