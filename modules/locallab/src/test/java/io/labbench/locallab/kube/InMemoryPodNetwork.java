package io.labbench.locallab.kube;

import io.labbench.locallab.spi.NodeInfo;
import io.labbench.locallab.spi.PodNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PodNetwork without kernel work, for the API server's tests: the study's three nodes (master,
 * worker1, worker2 on t3.medium: 17 pods, 2 vCPU), IPs handed out from each node's subnet, and exec
 * running the command on this machine. Records attach/detach calls so tests can check them.
 */
final class InMemoryPodNetwork implements PodNetwork {

    private volatile List<NodeInfo> nodes;
    private final Map<String, String> ips = new HashMap<>();
    private final Map<String, Integer> nextHost = new HashMap<>();
    final List<String> detached = new CopyOnWriteArrayList<>();

    InMemoryPodNetwork(List<NodeInfo> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** The study's cluster: a control plane and two t3.medium workers in two AZs. */
    static InMemoryPodNetwork study() {
        long mem = 3_900_000L * 1024;
        return new InMemoryPodNetwork(List.of(
                new NodeInfo("i-0ad86f23f13499914", "control-plane", "ip-172-30-47-189", "172.30.47.189", "us-east-1a", "t3.medium", 17, 2000, mem),
                new NodeInfo("i-0f395f78142396d9d", "node", "ip-172-30-62-109", "172.30.62.109", "us-east-1a", "t3.medium", 17, 2000, mem),
                new NodeInfo("i-01cadf0d8d3c7a565", "node", "ip-172-30-77-200", "172.30.77.200", "us-east-1c", "t3.medium", 17, 2000, mem)));
    }

    /** The prefix-delegation switch: every node's maxPods becomes {@code maxPods}. */
    void setMaxPods(int maxPods) {
        List<NodeInfo> changed = new ArrayList<>();
        for (NodeInfo n : nodes) {
            changed.add(new NodeInfo(n.name(), n.role(), n.hostname(), n.internalIp(), n.zone(), n.instanceType(),
                    maxPods, n.cpuMillis(), n.memoryBytes()));
        }
        nodes = List.copyOf(changed);
    }

    @Override
    public List<NodeInfo> nodes() {
        return nodes;
    }

    @Override
    public synchronized String attach(String namespace, String podName, String nodeName, boolean hostNetwork) {
        NodeInfo node = nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeName));
        if (hostNetwork) {
            return node.internalIp();
        }
        String[] o = node.internalIp().split("\\.");
        int third = Integer.parseInt(o[2]) & ~7;
        int n = nextHost.merge(nodeName, 1, Integer::sum);
        // Spread like ipamd's secondary IPs: same /19 as the node, a different /24 per node.
        String ip = o[0] + "." + o[1] + "." + (third + 4 + n / 250) + "." + (n % 250 + 2);
        ips.put(namespace + "/" + podName, ip);
        return ip;
    }

    @Override
    public synchronized void detach(String namespace, String podName) {
        ips.remove(namespace + "/" + podName);
        detached.add(namespace + "/" + podName);
    }

    @Override
    public List<String> execArgv(String namespace, String podName, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", "exec \"$@\"", "bash"));
        argv.addAll(command);
        return argv;
    }
}
