package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.TestLabs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-target connection counts of an NLB's data plane: HAProxy 2.6's {@code show stat} as
 * captured, and a real HAProxy on loopback with the lab's own configuration whose counts follow the
 * requests sent through it.
 */
class NlbTrafficTest {

    @TempDir
    Path stateRoot;

    @Test
    void countsAreTheServersSessionTotalsPerListenerPort() throws IOException {
        String csv;
        try (InputStream in = NlbTrafficTest.class.getResourceAsStream("/haproxy/show-stat-2.6.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        NlbTraffic.Counts counts = NlbTraffic.parse(csv);
        // 7 curls through listener 80: the servers' stot column, FRONTEND and BACKEND rows left out
        assertThat(counts.byListenerPort()).containsOnlyKeys(80);
        assertThat(counts.forListeners(List.of(80))).containsExactly(Map.entry("172.30.37.39:8080", 4L), Map.entry("172.30.80.4:8080", 3L));
        assertThat(counts.forListeners(List.of(443))).isEmpty();
        assertThat(NlbTraffic.parse("not a stat answer\n").byListenerPort()).isEmpty();
    }

    @Test
    void aTargetInSeveralZoneBackendsIsSummed() {
        String csv = "# pxname,svname,stot,status\n"
                + "listener-80-us-east-1a,FRONTEND,5,OPEN\n"
                + "tg-80-us-east-1a,172.30.45.9:8080,3,UP\n"
                + "tg-80-us-east-1a,BACKEND,3,UP\n"
                + "tg-80-us-east-1c,172.30.45.9:8080,2,UP\n"
                + "tg-443,172.30.45.9:8080,9,UP\n";
        NlbTraffic.Counts counts = NlbTraffic.parse(csv);
        assertThat(counts.forListeners(List.of(80))).containsExactly(Map.entry("172.30.45.9:8080", 5L));
        assertThat(counts.forListeners(List.of())).as("every listener").containsExactly(Map.entry("172.30.45.9:8080", 14L));
    }

    @Test
    void aRealHaproxyCountsTheRequestsEachTargetTook() throws Exception {
        assumeTrue(LoopbackHaproxy.installed(), "HAProxy (Debian haproxy) is not installed");
        LabSettings settings = TestLabs.settings(stateRoot);
        assertThat(NlbTraffic.read(settings, "k8s-default-svcnlbip-0123456789")).as("no data plane yet").isEmpty();

        try (CountingPod a = new CountingPod(); CountingPod c = new CountingPod()) {
            int port = freePort();
            // two AZ nodes on loopback without cross-zone: each sends only to its own zone's target
            NlbModel.Target targetA = new NlbModel.Target("127.0.0.1", "127.0.0.1", a.port(), "us-east-1a");
            NlbModel.Target targetC = new NlbModel.Target("127.0.0.1", "127.0.0.1", c.port(), "us-east-1c");
            NlbModel.TargetGroup group = new NlbModel.TargetGroup("k8s-tg", "arn:tg", "ip", 8080, "TCP", "traffic-port",
                    new NlbSpec.HealthCheckTiming(10, 10, 3, 3), List.of(targetA, targetC));
            String name = "k8s-default-svcnlbip-0123456789";
            NlbModel model = new NlbModel("default/svc", name, "arn:lb", name + "-1.elb.us-east-1.amazonaws.com", "internet-facing",
                    false, false, false, List.of(new NlbModel.ZoneNode("us-east-1a", "subnet-a", "127.0.0.2"),
                    new NlbModel.ZoneNode("us-east-1c", "subnet-c", "127.0.0.3")),
                    List.of(new NlbModel.Listener(port, "TCP", Optional.empty(), group)));
            Path dir = NlbTraffic.directory(settings).resolve(name);
            Files.createDirectories(dir);
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, HaproxyConfig.render(model, Map.of(), dir.resolve("haproxy.sock")));
            try (LoopbackHaproxy haproxy = LoopbackHaproxy.start(config)) {
                InetSocketAddress zoneA = new InetSocketAddress("127.0.0.2", port);
                InetSocketAddress zoneC = new InetSocketAddress("127.0.0.3", port);
                LoopbackHaproxy.awaitAnswer(zoneA);
                int beforeA = a.hits();
                for (int i = 0; i < 6; i++) {
                    LoopbackHaproxy.get(zoneA);
                }
                for (int i = 0; i < 4; i++) {
                    LoopbackHaproxy.get(zoneC);
                }
                Map<String, Long> counts = NlbTraffic.read(settings, name).orElseThrow().forListeners(List.of(port));
                assertThat(counts).containsOnlyKeys(targetA.id() + ":" + targetA.port(), targetC.id() + ":" + targetC.port());
                assertThat(counts.get(targetA.id() + ":" + targetA.port())).isEqualTo(a.hits()).isEqualTo(beforeA + 6L);
                assertThat(counts.get(targetC.id() + ":" + targetC.port())).isEqualTo(c.hits()).isEqualTo(4L);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
