package io.labbench.app.watch;

import io.labbench.sessions.testing.CommandReply;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.watch.StudyWatches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * worker1 and worker2 for {@link EightPanelsBench}, in their own JVM so that the benchmark measures
 * the app side only: MINA SSHD servers answering the watched commands with output that moves on every
 * call. Args: a folder holding {@code keys/id_ed25519.pub}; writes {@code known_hosts} there and prints
 * {@code READY <port1> <port2>}. Runs until its stdin closes.
 */
public final class BenchSshServers {

    private BenchSshServers() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TestSshServer worker1 = TestSshServer.start();
        TestSshServer worker2 = TestSshServer.start();
        for (TestSshServer server : new TestSshServer[] {worker1, worker2}) {
            server.authorize(dir.resolve("keys/id_ed25519.pub"));
            Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        stub(worker1, "worker1");
        stub(worker2, "worker2");
        System.out.println("READY " + worker1.port() + " " + worker2.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the benchmark to close our stdin
        }
        worker1.close();
        worker2.close();
    }

    private static void stub(TestSshServer server, String node) {
        AtomicInteger tick = new AtomicInteger();
        server.stubCommand(StudyWatches.on("iptables-snat-0", node).orElseThrow().executedCommand(),
                () -> CommandReply.of(SyntheticOutputs.snatChain(tick.incrementAndGet())));
        server.stubCommand(StudyWatches.on("iptables-kube-services", node).orElseThrow().executedCommand(),
                () -> CommandReply.of(SyntheticOutputs.bigChain(120, tick.get())));
        server.stubCommand("ip -o link show", () -> CommandReply.of(SyntheticOutputs.links(tick.get() % 40)));
        server.stubCommand("ip route show", () -> CommandReply.of(SyntheticOutputs.routes(node, tick.get() % 40)));
    }
}
