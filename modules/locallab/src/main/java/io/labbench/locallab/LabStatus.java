package io.labbench.locallab;

import java.util.List;
import java.util.Map;

/**
 * The lab as {@code labbench lab status --json} shows it. Paths are strings so the JSON reads as
 * plain paths; {@code kubeconfig} is empty while the Kubernetes API is not running.
 */
public record LabStatus(boolean running, String prefix, boolean rootless, long pid, List<Node> nodes, String kubeconfig,
                        Map<String, Integer> sshPorts, List<Endpoint> endpoints, String knownHosts, String privateKey,
                        String clusterName, boolean prefixDelegation, long upMillis) {

    /** One machine: the lab name, its namespace, IP and the pods it may run. */
    /** @param publicIp what the Internet Gateway maps the node to (documentation range; "" when none) */
    public record Node(String name, String role, String instanceId, String hostname, String netns, String ip,
                       String zone, String instanceType, int maxPods, String publicIp) {
        public Node {
            publicIp = publicIp == null ? "" : publicIp;
        }

        public Node(String name, String role, String instanceId, String hostname, String netns, String ip, String zone,
                    String instanceType, int maxPods) {
            this(name, role, instanceId, hostname, netns, ip, zone, instanceType, maxPods, "");
        }
    }

    /** {@link io.labbench.locallab.ssh.LabEndpoint} with string paths. */
    public record Endpoint(String name, String hostname, String ip, String host, int port, String user, String privateKey,
                           String knownHosts) {
    }

    public static LabStatus stopped(String prefix) {
        return new LabStatus(false, prefix, false, 0, List.of(), "", Map.of(), List.of(), "", "", "", false, 0);
    }
}
