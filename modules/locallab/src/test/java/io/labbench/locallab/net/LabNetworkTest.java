package io.labbench.locallab.net;

import static io.labbench.locallab.TestLabs.inNetns;
import static io.labbench.locallab.TestLabs.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.TestLabs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The data path of the study, on a real lab (root): pod to pod without NAT, pod to internet with SNAT. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabNetworkTest {

    @TempDir
    static Path stateRoot;
    private LocalLab lab;
    private VpcCniPodNetwork pods;
    private LabTopology topology;

    @BeforeAll
    void up() throws IOException {
        LabSettings settings = TestLabs.settings(stateRoot);
        lab = new LocalLab(settings);
        lab.up((done, total, message) -> { });
        pods = lab.podNetwork();
        topology = lab.topology();
    }

    @AfterAll
    void down() throws IOException {
        if (lab != null) {
            lab.down();
        }
    }

    private String ns(String node) {
        return topology.node(node).netns();
    }

    @Test
    void nodesLookLikeUbuntuOnEc2() throws IOException {
        String routes = inNetns(ns("worker1"), "ip", "route");
        assertThat(routes).contains("default via 172.30.32.1 dev ens5 proto dhcp src 172.30.46.72 metric 100")
                .contains("172.30.32.1 dev ens5 proto dhcp scope link src 172.30.46.72 metric 100");
        assertThat(inNetns(ns("worker1"), "ip", "-o", "link", "show", "ens5")).contains("mtu 9001");
        assertThat(inNetns(ns("worker2"), "ip", "-o", "addr", "show", "ens5")).contains("172.30.89.212/19");
        assertThat(inNetns(ns("worker1"), "ip", "rule")).contains("1024:\tfrom all fwmark 0x80/0x80 lookup main");
        String nat = inNetns(ns("worker1"), "iptables", "-t", "nat", "-S");
        assertThat(nat).contains("-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment \"AWS, SNAT\" -m addrtype ! --dst-type LOCAL"
                + " -j SNAT --to-source 172.30.46.72 --random-fully")
                .contains("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\"");
        assertThat(inNetns(ns("worker1"), "iptables", "-t", "mangle", "-S"))
                .contains("-A PREROUTING -i ens5 -m comment --comment \"AWS, primary ENI\"");
        assertThat(inNetns(ns("master"), "sysctl", "-n", "net.ipv4.ip_forward")).isEqualTo("1\n");
    }

    @Test
    void podsOnTwoWorkersPingEachOtherWithoutNatAndReachTheInternetThroughSnat() throws Exception {
        String ip1 = pods.attach("default", "pod-1", "worker1", false);
        String ip2 = pods.attach("default", "pod-2", topology.node("worker2").instanceId(), false);
        try {
            assertThat(topology.node("worker1").subnet().contains(Ipv4.parse(ip1))).isTrue();
            assertThat(topology.node("worker2").subnet().contains(Ipv4.parse(ip2))).isTrue();
            PodAttachment pod1 = pods.pod("default", "pod-1").orElseThrow();
            assertThat(pod1.hostVeth()).matches("eni[0-9a-f]{11}").isEqualTo(VpcCniPodNetwork.hostVethName("default", "pod-1"));
            assertThat(inNetns(ns("worker1"), "ip", "route")).contains(ip1 + " dev " + pod1.hostVeth() + " scope link");
            assertThat(inNetns(ns("worker1"), "ip", "rule")).contains("512:\tfrom all to " + ip1 + " lookup main");
            assertThat(inNetns(ns("worker1"), "ip", "neigh", "show", "proxy")).contains(ip1 + " dev ens5");
            assertThat(inNetns(pod1.netns(), "ip", "route")).contains("default via 169.254.1.1 dev eth0");
            assertThat(inNetns(pod1.netns(), "ip", "-o", "addr", "show", "eth0")).contains(ip1 + "/32");
            // the warm pool brought a secondary ENI with its own route table
            assertThat(inNetns(ns("worker1"), "ip", "-o", "link")).contains("ens6");
            assertThat(inNetns(ns("worker1"), "ip", "route", "show", "table", "2")).contains("default via 172.30.32.1 dev ens6");

            Path capture = stateRoot.resolve("ens5.txt");
            Process tcpdump = new ProcessBuilder("nsenter", "--net=/run/netns/" + ns("worker1"), "--", "tcpdump", "-i", "ens5",
                    "-nn", "-l", "-c", "4", "icmp").redirectOutput(capture.toFile()).redirectError(stateRoot.resolve("tcpdump.err").toFile())
                    .start();
            try {
                awaitTcpdumpListening(stateRoot.resolve("tcpdump.err"));
                String ping = run(pods.execArgv("default", "pod-1", List.of("ping", "-c", "2", "-W", "5", ip2)));
                assertThat(ping).contains("2 received");
                assertThat(tcpdump.waitFor(20, TimeUnit.SECONDS)).as("tcpdump saw 4 ICMP packets").isTrue();
            } finally {
                tcpdump.destroyForcibly();
            }
            assertThat(Files.readString(capture)).contains("IP " + ip1 + " > " + ip2 + ": ICMP echo request")
                    .contains("IP " + ip2 + " > " + ip1 + ": ICMP echo reply");

            long before = snatPackets();
            assertThat(run(pods.execArgv("default", "pod-1", List.of("ping", "-c", "2", "-W", "5", LabTopology.INET_ADDRESS))))
                    .contains("2 received");
            assertThat(snatPackets()).isGreaterThan(before);
            assertThat(inNetns(ns("worker1"), "conntrack", "-L", "-p", "icmp")).contains("src=" + ip1)
                    .contains("dst=172.30.46.72");
            assertThat(run(pods.execArgv("default", "pod-1", List.of("hostname")))).isEqualTo("pod-1\n");
        } finally {
            pods.detach("default", "pod-1");
            pods.detach("default", "pod-2");
        }
        assertThat(inNetns(ns("worker1"), "ip", "route")).doesNotContain(ip1);
        assertThat(inNetns(ns("worker1"), "ip", "rule")).doesNotContain(ip1);
        assertThat(inNetns(ns("worker1"), "ip", "neigh", "show", "proxy")).doesNotContain(ip1);
        assertThat(sh("ip", "netns", "list")).doesNotContain(pods.podNetns("default", "pod-1"));
    }

    @Test
    void aPodsNamespaceIsHeldByAPauseProcessThatLsnsAndNsenterFindAndDetachKills() throws Exception {
        String ip = pods.attach("default", "pod-lsns", "worker1", false);
        long pid;
        try {
            PodSandbox sandbox = pods.sandbox("default", "pod-lsns").orElseThrow();
            pid = sandbox.pid();
            // what the study types on the node: lsns -t net, then nsenter -t PID -n
            String lsns = inNetns(ns("worker1"), "lsns", "-t", "net", "-n", "-o", "PID,COMMAND");
            assertThat(lsns.lines().map(String::strip)).contains(pid + " " + PodSandbox.COMMAND);
            assertThat(inNetns(ns("worker1"), "nsenter", "-t", Long.toString(pid), "-n", "ip", "-4", "-o", "addr", "show", "dev", "eth0"))
                    .contains(" " + ip + "/32 ");
            assertThat(sh("ps", "-o", "args=", "-p", Long.toString(pid)).strip()).isEqualTo(PodSandbox.COMMAND);
        } finally {
            pods.detach("default", "pod-lsns");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pause process after detach").isFalse();
        assertThat(pods.sandbox("default", "pod-lsns")).isEmpty();
    }

    @Test
    void podsOnTheSecondaryEniUseRule1536AndTable2() throws Exception {
        List<String> names = List.of("s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6");
        try {
            for (String name : names) {
                pods.attach("ens6test", name, "worker2", false);
            }
            PodAttachment onEns6 = names.stream().map(n -> pods.pod("ens6test", n).orElseThrow())
                    .filter(p -> p.eniDevice().equals("ens6")).findFirst().orElseThrow();
            assertThat(inNetns(ns("worker2"), "ip", "rule")).contains("1536:\tfrom " + onEns6.ip() + " lookup 2");
            assertThat(inNetns(ns("worker2"), "ip", "neigh", "show", "proxy")).contains(onEns6.ip() + " dev ens6");
            assertThat(run(pods.execArgv("ens6test", onEns6.pod(), List.of("ping", "-c", "1", "-W", "5", "172.30.46.72"))))
                    .contains("1 received");
        } finally {
            for (String name : names) {
                pods.detach("ens6test", name);
            }
        }
    }

    @Test
    void ipamRefusesPodsPastT3MediumMaxPods() throws Exception {
        String node = "worker2";
        awaitSteady(node);
        List<String> added = new java.util.ArrayList<>();
        try {
            // aws-node and kube-proxy run on the host network: they count against maxPods, not the ENIs' IPs
            for (int i = pods.usage(node).hostNetworkPods(); i < 2; i++) {
                pods.attach("max", "host-" + i, node, true);
                added.add("host-" + i);
            }
            int room = 17 - pods.usage(node).pods();
            for (int i = 0; i < room; i++) {
                pods.attach("max", "nginx-" + i, node, false);
                added.add("nginx-" + i);
            }
            NodeUsage full = pods.usage(node);
            assertThat(full.pods()).isEqualTo(17);
            assertThat(full.enis()).containsExactly("ens5", "ens6", "ens7");
            assertThat(full.freeAddresses()).isZero();
            assertThat(inNetns(ns(node), "ip", "-o", "link")).contains("ens6").contains("ens7");
            assertThatThrownBy(() -> pods.attach("max", "one-too-many", node, false)).isInstanceOf(IpamException.class)
                    .hasMessageContaining("17 pods");
            assertThat(sh("ip", "netns", "list")).doesNotContain(pods.podNetns("max", "one-too-many"));
        } finally {
            for (String name : added) {
                pods.detach("max", name);
            }
        }
    }

    /** The Kubernetes side wires its kube-system pods right after start; wait until the node stops changing. */
    private void awaitSteady(String node) throws InterruptedException {
        NodeUsage last = pods.usage(node);
        for (int stable = 0, i = 0; stable < 10 && i < 300; i++) {
            Thread.sleep(100);
            NodeUsage now = pods.usage(node);
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
    }

    @Test
    void nodesReportTheEniFormulaAsMaxPods() {
        assertThat(pods.nodes()).hasSize(3).allSatisfy(n -> {
            assertThat(n.instanceType()).isEqualTo("t3.medium");
            assertThat(n.maxPods()).isEqualTo(17);
            assertThat(n.name()).matches("i-0[0-9a-f]{16}");
            assertThat(n.hostname()).startsWith("ip-172-30-");
        });
    }

    private long snatPackets() throws IOException {
        String listing = inNetns(ns("worker1"), "iptables", "-t", "nat", "-L", "AWS-SNAT-CHAIN-0", "-n", "-v", "-x");
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\s+\\d+\\s+SNAT").matcher(listing);
        assertThat(m.find()).as(listing).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String run(List<String> argv) throws IOException {
        return ProcessRunner.run(argv, "");
    }

    private static void awaitTcpdumpListening(Path stderr) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(stderr) && Files.readString(stderr).contains("listening on")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("tcpdump did not start: " + Files.readString(stderr));
    }
}
