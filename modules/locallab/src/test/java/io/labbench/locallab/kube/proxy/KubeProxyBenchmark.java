package io.labbench.locallab.kube.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.spi.NodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * kube-proxy's write path, measured (a main, run as root): three real network namespaces stand for the
 * nodes, the store holds S Services with E ready endpoints each, and one Endpoints object changes (an
 * endpoint replaced) per round; a round is {@link KubeProxy#sync()}: read the store, build all three
 * nodes' rules, diff, and {@code iptables-restore --noflush} of the changed chains on the three nodes
 * side by side. Beside it, in the same run: one {@code iptables-restore --noflush} of the same full rule
 * set on one node (what kube-proxy 1.24 writes on every sync), into a namespace that already holds it.
 * <pre>java -cp … io.labbench.locallab.kube.proxy.KubeProxyBenchmark [rounds] [services] [endpoints]</pre>
 */
public final class KubeProxyBenchmark {

    private KubeProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int endpoints = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String prefix = "lbkp" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 5);
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String netns = prefix + "-n" + i;
            ProcessRunner.run(List.of("ip", "netns", "add", netns), "");
            nodes.add(new NodeInfo(netns, "node", netns, "172.30.40." + i, "us-east-1a", "t3.medium", 17, 2000, 1L << 32));
        }
        try {
            Store store = new Store(StandardKinds.registry());
            for (int s = 0; s < services; s++) {
                store.create(ResourceCatalog.SERVICES, "default", service(s));
                store.create(ResourceCatalog.ENDPOINTS, "default", endpointsObject(s, endpoints, 0, nodes));
            }
            try (KubeProxy proxy = new KubeProxy(store, () -> nodes,
                    (node, input) -> ProcessRunner.run(List.of("ip", "netns", "exec", node, "iptables-restore", "-w", "--noflush"), input),
                    new ProxyRules("172.30.0.0/16"))) {
                long t0 = System.nanoTime();
                proxy.sync();
                long firstMicros = (System.nanoTime() - t0) / 1000;
                NodeRules full = proxy.appliedRules(nodes.get(0).name());
                String fullText = full.fullRestoreInput();
                List<Long> deltas = new ArrayList<>();
                List<Long> fulls = new ArrayList<>();
                List<Long> builds = new ArrayList<>();
                ProxyRules rules = new ProxyRules("172.30.0.0/16");
                for (int r = 1; r <= rounds; r++) {
                    int s = r % services;
                    store.replace(ResourceCatalog.ENDPOINTS, "default", "svc-" + s, endpointsObject(s, endpoints, r, nodes));
                    long start = System.nanoTime();
                    proxy.sync();
                    deltas.add((System.nanoTime() - start) / 1000);
                    start = System.nanoTime();
                    List<ProxyServicePort> ports = ProxyInputs.read(store);
                    for (NodeInfo node : nodes) {
                        RestoreDelta.between(proxy.appliedRules(node.name()), rules.forNode(node.name(), node.internalIp(), ports));
                    }
                    builds.add((System.nanoTime() - start) / 1000);
                    start = System.nanoTime();
                    ProcessRunner.run(List.of("ip", "netns", "exec", nodes.get(0).name(), "iptables-restore", "-w", "--noflush"),
                            proxy.appliedRules(nodes.get(0).name()).fullRestoreInput());
                    fulls.add((System.nanoTime() - start) / 1000);
                }
                String shape = services + " Services x " + endpoints + " endpoints, " + full.nat().ruleCount() + " nat + "
                        + full.filter().ruleCount() + " filter rules per node, " + fullText.length() / 1024 + " KiB";
                System.out.println("shape: " + shape + "; first (full) sync of 3 nodes " + firstMicros / 1000 + " ms");
                System.out.printf("BENCH\tendpoint change -> rules on all 3 nodes, p50\t%d\tms\t-\t<=1000%n", percentile(deltas, 50) / 1000);
                System.out.printf("BENCH\tendpoint change -> rules on all 3 nodes, p95\t%d\tms\t-\t<=1000%n", percentile(deltas, 95) / 1000);
                System.out.printf("BENCH\tof which: read, build and diff 3 nodes' rules in-process, p50\t%d\tus\t-\t-%n", percentile(builds, 50));
                System.out.printf("BENCH\tone iptables-restore of the full rule set (one node), p50\t%d\tms\t-\t-%n", percentile(fulls, 50) / 1000);
                System.out.printf("BENCH\tone iptables-restore of the full rule set (one node), p95\t%d\tms\t-\t-%n", percentile(fulls, 95) / 1000);
            }
        } finally {
            for (NodeInfo node : nodes) {
                ProcessRunner.runAllowingFailure(List.of("ip", "netns", "del", node.name()), "");
            }
        }
    }

    private static ObjectNode service(int s) {
        ObjectNode svc = Json.object();
        svc.putObject("metadata").put("name", "svc-" + s);
        ObjectNode spec = svc.putObject("spec");
        spec.put("type", "ClusterIP").put("clusterIP", "100.64." + (1 + s / 250) + "." + (1 + s % 250));
        spec.putArray("ports").addObject().put("port", 80).put("protocol", "TCP").put("targetPort", 8080);
        return svc;
    }

    /** E ready addresses spread over the nodes; {@code round} shifts one of them, so each round is one endpoint change. */
    private static ObjectNode endpointsObject(int s, int endpoints, int round, List<NodeInfo> nodes) {
        ObjectNode ep = Json.object();
        ep.putObject("metadata").put("name", "svc-" + s);
        ObjectNode subset = ep.putArray("subsets").addObject();
        ArrayNode addresses = subset.putArray("addresses");
        for (int e = 0; e < endpoints; e++) {
            int host = e == 0 ? 100 + round % 150 : 10 + e;
            addresses.addObject().put("ip", "172.30." + (64 + s % 64) + "." + host).put("nodeName", nodes.get(e % nodes.size()).name());
        }
        subset.putArray("ports").addObject().put("port", 8080).put("protocol", "TCP");
        return ep;
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
