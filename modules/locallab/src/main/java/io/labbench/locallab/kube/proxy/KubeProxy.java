package io.labbench.locallab.kube.proxy;

import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.spi.NodeHealthChecks;
import io.labbench.locallab.spi.NodeIptables;
import io.labbench.locallab.spi.NodeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Every node's kube-proxy at once: on each sync it reads the Services and their ready endpoints, builds
 * each node's rules and writes, on each node side by side, only the chains that changed since that
 * node's last successful write. A node whose write failed (its namespace not there yet, iptables
 * refusing) is written in full on the next sync, as kube-proxy falls back to a full sync.
 */
public final class KubeProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubeProxy.class.getName());
    private final Store store;
    private final Supplier<List<NodeInfo>> nodes;
    private final NodeIptables iptables;
    private final ProxyRules rules;
    private final NodeHealthChecks healthChecks;
    private final Map<String, Map<Integer, NodeHealthChecks.Reply>> served = new ConcurrentHashMap<>();
    private final Map<String, NodeRules> applied = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kube-proxy-restore");
        t.setDaemon(true);
        return t;
    });

    public KubeProxy(Store store, Supplier<List<NodeInfo>> nodes, NodeIptables iptables, ProxyRules rules) {
        this(store, nodes, iptables, (node, replies) -> { }, rules);
    }

    /** @param healthChecks serves the health check node ports of {@code externalTrafficPolicy: Local} load balancers */
    public KubeProxy(Store store, Supplier<List<NodeInfo>> nodes, NodeIptables iptables, NodeHealthChecks healthChecks,
                     ProxyRules rules) {
        this.healthChecks = healthChecks;
        this.store = store;
        this.nodes = nodes;
        this.iptables = iptables;
        this.rules = rules;
    }

    /**
     * Brings every node's rules up to date.
     *
     * @return always false: writing rules changes nothing in the API, so the controllers need no extra pass
     */
    public boolean sync() {
        if (!iptables.ready()) {
            return false;
        }
        List<ProxyServicePort> ports = ProxyInputs.read(store);
        List<Future<?>> writes = new ArrayList<>();
        for (NodeInfo node : nodes.get()) {
            serveHealthChecks(node.name(), ports);
            NodeRules wanted = rules.forNode(node.name(), node.internalIp(), ports);
            NodeRules have = applied.getOrDefault(node.name(), new NodeRules(new ChainSet(), new ChainSet()));
            RestoreDelta delta = RestoreDelta.between(have, wanted);
            if (delta.isEmpty()) {
                continue;
            }
            writes.add(writers.submit(() -> {
                try {
                    iptables.restore(node.name(), delta.text());
                    applied.put(node.name(), wanted);
                } catch (IOException e) {
                    applied.remove(node.name());
                    LOG.warning(() -> "kube-proxy could not write node " + node.name() + "'s rules; it writes them in full on the"
                            + " next sync: " + e.getMessage());
                }
            }));
        }
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                LOG.warning(() -> "kube-proxy's rule write failed: " + e.getCause());
            }
        }
        return false;
    }

    /** kube-proxy's {@code SyncEndpoints}: each health check port reports its Service's ready endpoints on this node. */
    private void serveHealthChecks(String nodeName, List<ProxyServicePort> ports) {
        Map<Integer, NodeHealthChecks.Reply> replies = new java.util.TreeMap<>();
        for (ProxyServicePort port : ports) {
            if (port.healthCheckNodePort() == 0) {
                continue;
            }
            long local = ports.stream().filter(p -> p.name().namespace().equals(port.name().namespace())
                            && p.name().name().equals(port.name().name()))
                    .flatMap(p -> p.endpoints().stream()).filter(e -> e.nodeName().equals(nodeName)).map(ProxyEndpoint::ip).distinct().count();
            replies.put(port.healthCheckNodePort(), new NodeHealthChecks.Reply(port.name().namespace(), port.name().name(), (int) local));
        }
        if (replies.equals(served.getOrDefault(nodeName, Map.of()))) {
            return;
        }
        try {
            healthChecks.serve(nodeName, replies);
            served.put(nodeName, replies);
        } catch (IOException e) {
            served.remove(nodeName);
            LOG.warning(() -> "kube-proxy could not serve node " + nodeName + "'s health check ports; it retries on the next sync: "
                    + e.getMessage());
        }
    }

    /** The rules last written to a node (empty chains when none were), for tests and the benchmark. */
    public NodeRules appliedRules(String nodeName) {
        return applied.getOrDefault(nodeName, new NodeRules(new ChainSet(), new ChainSet()));
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
