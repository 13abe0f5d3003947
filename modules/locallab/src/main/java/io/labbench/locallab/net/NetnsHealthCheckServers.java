package io.labbench.locallab.net;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.spi.NodeHealthChecks;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * kube-proxy's health check servers on the lab's nodes: one {@code socat} per port, listening in the
 * node's namespace, that reads the request and answers with the reply kube-proxy's
 * {@code pkg/proxy/healthcheck} writes (200 or 503, JSON naming the Service and its local endpoint
 * count). The reply is a file the next sync rewrites, so a count change needs no restart.
 */
public final class NetnsHealthCheckServers implements NodeHealthChecks, Closeable {

    private static final String REPLY_SCRIPT = """
            #!/bin/sh
            # reads the request head (up to its blank line) so the client sees a clean close, then answers
            cr=$(printf '\\r')
            while IFS= read -r line; do
              case "$line" in ""|"$cr") break ;; esac
            done
            cat "$1"
            """;
    private final LabTopology topology;
    private final CompletableFuture<KernelAccess> kernel;
    private final Path dir;
    private final Map<String, Map<Integer, Process>> servers = new HashMap<>();

    public NetnsHealthCheckServers(LabTopology topology, CompletableFuture<KernelAccess> kernel, Path dir) {
        this.topology = topology;
        this.kernel = kernel;
        this.dir = dir;
    }

    @Override
    public synchronized void serve(String nodeName, Map<Integer, Reply> replies) throws IOException {
        LabNode node = topology.findNode(nodeName).orElseThrow(() -> new IOException("no node '" + nodeName + "' in the lab"));
        Path nodeDir = Files.createDirectories(dir.resolve(node.name()));
        Path script = nodeDir.resolve("reply.sh");
        if (!Files.exists(script)) {
            Files.writeString(script, REPLY_SCRIPT);
        }
        Map<Integer, Process> running = servers.computeIfAbsent(node.name(), n -> new HashMap<>());
        for (Map.Entry<Integer, Reply> reply : replies.entrySet()) {
            Path file = nodeDir.resolve(reply.getKey() + ".http");
            Path next = nodeDir.resolve(reply.getKey() + ".http.next");
            Files.writeString(next, httpReply(reply.getValue()), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Process server = running.get(reply.getKey());
            if (server == null || !server.isAlive()) {
                running.put(reply.getKey(), start(node, reply.getKey(), script, file));
            }
        }
        running.entrySet().removeIf(e -> {
            if (replies.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().destroy();
            return true;
        });
    }

    /** kube-proxy's reply: {@code pkg/proxy/healthcheck/service_health.go}'s {@code ServeHTTP}. */
    static String httpReply(Reply reply) {
        String body = "{\n\t\"service\": {\n\t\t\"namespace\": \"" + reply.namespace() + "\",\n\t\t\"name\": \"" + reply.name()
                + "\"\n\t},\n\t\"localEndpoints\": " + reply.localEndpoints() + "\n}";
        String status = reply.localEndpoints() > 0 ? "200 OK" : "503 Service Unavailable";
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private Process start(LabNode node, int port, Path script, Path file) throws IOException {
        List<String> argv = kernel.join().inNetns(node.netns(), List.of("socat",
                "TCP-LISTEN:" + port + ",fork,reuseaddr", "EXEC:sh " + script + " " + file));
        return SystemTools.ofThisMachine().processBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(script.resolveSibling("socat-" + port + ".log").toFile()))
                .redirectErrorStream(true).start();
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(ports -> ports.values().forEach(Process::destroy));
        servers.clear();
    }
}
