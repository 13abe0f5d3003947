package io.labbench.packetpath;

import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.parsers.ConntrackParser;
import io.labbench.netparse.parsers.IpRouteGetParser;
import io.labbench.netparse.parsers.IpRuleParser;
import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterService;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.kernel.RecordedKernel;
import io.labbench.packetpath.kernel.RouteQuery;
import io.labbench.packetpath.netfilter.RuleReader;
import io.labbench.packetpath.netfilter.Ruleset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kube-proxy/flannel node of the shared fixtures as a recorded kernel: its real nat and filter
 * listings, and a cluster around them whose Services are the listings' own (nginx-svc 10.108.205.52:80 →
 * 10.244.1.3:80, kube-dns 10.96.0.10:53 → 10.244.0.24 / 10.244.0.25).
 */
final class FlannelNode {
    static final String CLIENT_IP = "10.244.0.30";
    static final String NGINX_SVC = "10.108.205.52";
    static final String NGINX_POD = "10.244.1.3";
    static final String DNS_SVC = "10.96.0.10";

    private FlannelNode() {
    }

    static IptablesListResult nat() {
        return (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST,
                Resources.text("fixtures/iptables-t-nat-L-n-v-kube-proxy-flannel.txt"), ParseHints.iptablesTable("nat"));
    }

    static IptablesListResult filter() {
        return (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST,
                Resources.text("fixtures/iptables-L-n-v-filter-kube-proxy-flannel.txt"), ParseHints.iptablesTable("filter"));
    }

    static Ruleset rules() {
        return RuleReader.fromList(false, "fixtures", nat(), filter());
    }

    static ClusterState cluster() {
        ClusterNode node1 = new ClusterNode("node1", "node1", List.of(new ClusterNode.Eni("eth0", "172.20.0.70")));
        ClusterNode node2 = new ClusterNode("node2", "node2", List.of(new ClusterNode.Eni("eth0", "172.20.0.71")));
        List<ClusterPod> pods = List.of(
                new ClusterPod("default", "client", CLIENT_IP, "node1", "vethclient", false),
                new ClusterPod("kube-system", "coredns-a", "10.244.0.24", "node1", "vethcorednsa", false),
                new ClusterPod("kube-system", "coredns-b", "10.244.0.25", "node1", "vethcorednsb", false),
                new ClusterPod("default", "nginx", NGINX_POD, "node2", "vethnginx", false));
        List<ClusterService> services = List.of(
                new ClusterService("default", "nginx-svc", "NodePort", NGINX_SVC,
                        List.of(new ClusterService.Port("", "TCP", 80, 80, 30080)),
                        List.of(new ClusterService.Endpoint(NGINX_POD, "nginx", "node2"))),
                new ClusterService("kube-system", "kube-dns", "ClusterIP", DNS_SVC,
                        List.of(new ClusterService.Port("dns", "UDP", 53, 53, 0), new ClusterService.Port("dns-tcp", "TCP", 53, 53, 0)),
                        List.of(new ClusterService.Endpoint("10.244.0.24", "coredns-a", "node1"),
                                new ClusterService.Endpoint("10.244.0.25", "coredns-b", "node1"))));
        return new ClusterState(List.of(node1, node2), pods, services, List.of(), "172.20.0.0/16", Map.of());
    }

    /** node1 as recorded; {@code conntrack} is conntrack -L text (may be empty). */
    static RecordedKernel kernel(String conntrack) {
        MachineState node1 = new MachineState("node1", rules(),
                IpRuleParser.parse("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n").rules(),
                Set.of("172.20.0.70", "127.0.0.1"), ConntrackParser.parse(conntrack).entries(), Map.of(), List.of());
        RecordedKernel k = new RecordedKernel().machine(node1);
        answer(k, "node1", new RouteQuery(NGINX_POD, CLIENT_IP, "vethclient", ""),
                NGINX_POD + " from " + CLIENT_IP + " via 10.244.1.0 dev flannel.1 \n    cache iif vethclient \n");
        for (String dns : List.of("10.244.0.24", "10.244.0.25")) {
            String veth = dns.endsWith("24") ? "vethcorednsa" : "vethcorednsb";
            answer(k, "node1", new RouteQuery(dns, CLIENT_IP, "vethclient", ""),
                    dns + " from " + CLIENT_IP + " dev " + veth + " \n    cache iif vethclient \n");
            answer(k, "node1", new RouteQuery(CLIENT_IP, dns, veth, ""),
                    CLIENT_IP + " from " + dns + " dev vethclient \n    cache iif " + veth + " \n");
        }
        return k;
    }

    private static void answer(RecordedKernel k, String machine, RouteQuery q, String text) {
        k.route(machine, q, IpRouteGetParser.parse(text).lookup().orElseThrow());
    }
}
