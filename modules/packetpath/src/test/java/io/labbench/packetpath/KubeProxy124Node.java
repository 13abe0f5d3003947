package io.labbench.packetpath;

import io.labbench.netparse.parsers.ConntrackParser;
import io.labbench.netparse.parsers.IpRouteGetParser;
import io.labbench.netparse.parsers.IpRuleParser;
import io.labbench.netparse.parsers.IptablesRulesParser;
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
 * worker1 of a VPC CNI cluster whose kube-proxy is 1.24 ({@code kubeproxy/worker1-kube-proxy-1.24.save}):
 * Service web (ClusterIP 100.67.10.20:80, NodePort 30080, three endpoints, two on worker1), local-web
 * (externalTrafficPolicy Local: NodePort 30081, load balancer IP 3.38.10.5, one endpoint on each worker) and
 * empty-svc (100.69.200.9:80, no endpoints). The client pod sits on worker1 behind host veth enia.
 */
final class KubeProxy124Node {
    static final String NODE_IP = "172.30.61.10";
    static final String CLIENT = "172.30.61.20";
    static final String WEB_SVC = "100.67.10.20";
    static final String WEB_A = "172.30.61.30";
    static final String WEB_B = "172.30.61.31";
    static final String WEB_C = "172.30.88.40";
    static final String LOCAL_SVC = "100.70.3.3";
    static final String LOCAL_A = "172.30.61.32";
    static final String LOCAL_B = "172.30.88.41";
    static final String LB_IP = "3.38.10.5";
    static final String EMPTY_SVC = "100.69.200.9";

    private KubeProxy124Node() {
    }

    static String save() {
        return Resources.text("kubeproxy/worker1-kube-proxy-1.24.save");
    }

    static Ruleset rules() {
        String save = save();
        return RuleReader.fromSave(IptablesRulesParser.parse(save), save, "kubeproxy/worker1-kube-proxy-1.24.save");
    }

    static ClusterState cluster() {
        ClusterNode worker1 = new ClusterNode("worker1", "ip-172-30-61-10", List.of(new ClusterNode.Eni("ens5", NODE_IP)));
        ClusterNode worker2 = new ClusterNode("worker2", "ip-172-30-88-10", List.of(new ClusterNode.Eni("ens5", "172.30.88.10")));
        List<ClusterPod> pods = List.of(
                new ClusterPod("default", "client", CLIENT, "worker1", "enia", false),
                new ClusterPod("default", "web-a", WEB_A, "worker1", "enib", false),
                new ClusterPod("default", "web-b", WEB_B, "worker1", "enic", false),
                new ClusterPod("default", "web-c", WEB_C, "worker2", "enid", false),
                new ClusterPod("default", "local-a", LOCAL_A, "worker1", "enie", false),
                new ClusterPod("default", "local-b", LOCAL_B, "worker2", "enif", false));
        List<ClusterService> services = List.of(
                new ClusterService("default", "web", "NodePort", WEB_SVC, List.of(new ClusterService.Port("http", "TCP", 80, 8080, 30080)),
                        List.of(new ClusterService.Endpoint(WEB_A, "web-a", "worker1"), new ClusterService.Endpoint(WEB_B, "web-b", "worker1"),
                                new ClusterService.Endpoint(WEB_C, "web-c", "worker2"))),
                new ClusterService("default", "local-web", "LoadBalancer", LOCAL_SVC,
                        List.of(new ClusterService.Port("http", "TCP", 80, 8080, 30081)),
                        List.of(new ClusterService.Endpoint(LOCAL_A, "local-a", "worker1"),
                                new ClusterService.Endpoint(LOCAL_B, "local-b", "worker2"))),
                new ClusterService("default", "empty-svc", "NodePort", EMPTY_SVC, List.of(new ClusterService.Port("http", "TCP", 80, 8080, 30090)),
                        List.of()));
        return new ClusterState(List.of(worker1, worker2), pods, services, List.of(), "172.30.0.0/16", Map.of());
    }

    /** worker1 as recorded, with the kernel's route answers for the client's flows; {@code conntrack} may be empty. */
    static RecordedKernel kernel(String conntrack) {
        MachineState st = new MachineState("worker1", rules(),
                IpRuleParser.parse("0:\tfrom all lookup local\n512:\tfrom all to " + CLIENT + " lookup main\n"
                        + "1536:\tfrom " + CLIENT + " lookup main\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n").rules(),
                Set.of(NODE_IP, "127.0.0.1"), ConntrackParser.parse(conntrack).entries(), Map.of(), List.of());
        RecordedKernel k = new RecordedKernel().machine(st);
        Map<String, String> veths = Map.of(WEB_A, "enib", WEB_B, "enic", LOCAL_A, "enie");
        for (String mark : List.of("", "0x4000")) {
            veths.forEach((ip, veth) -> {
                answer(k, new RouteQuery(ip, CLIENT, "enia", mark), ip + " from " + CLIENT + " dev " + veth + " \n    cache iif enia \n");
                answer(k, new RouteQuery(CLIENT, ip, veth, mark), CLIENT + " from " + ip + " dev enia \n    cache iif " + veth + " \n");
            });
            for (String remote : List.of(WEB_C, LOCAL_B, EMPTY_SVC)) {
                answer(k, new RouteQuery(remote, CLIENT, "enia", mark),
                        remote + " from " + CLIENT + " via 172.30.48.1 dev ens5 \n    cache iif enia \n");
            }
        }
        return k;
    }

    private static void answer(RecordedKernel k, RouteQuery q, String text) {
        k.route("worker1", q, IpRouteGetParser.parse(text).lookup().orElseThrow());
    }

    static PacketPath resolve(String to, String conntrack) {
        ClusterState cluster = cluster();
        Place from = Places.parse("client", cluster).place().orElseThrow();
        Place dst = Places.parse(to, cluster).place().orElseThrow();
        return new PathResolver(cluster, kernel(conntrack)).resolve(Places.flow(from, dst, "", 0));
    }

    static PacketPath resolve(Place to, String protocol, int port) {
        ClusterState cluster = cluster();
        Place from = Places.parse("client", cluster).place().orElseThrow();
        return new PathResolver(cluster, kernel("")).resolve(Places.flow(from, to, protocol, port));
    }
}
