package io.labbench.app.locallab;

import io.labbench.locallab.LabStatus;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SshEndpoint;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.NodeAddresses;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace of a running local lab: the four machines over SSH (their servers listen on host
 * loopback; the host keys are pinned in the lab's own known_hosts), a {@code kubectl} shell and a
 * plain {@code local} shell on this machine with {@code KUBECONFIG} pointing at the lab's API, and the
 * variables the study sets by hand in kops-ec2 ({@code KOPS_CLUSTER_NAME}, {@code W1PIP}, {@code W2PIP}), and
 * each machine's VPC and public IP for its pane header.
 */
public final class LocalLabWorkspace {

    public static final String NAME = "local-lab";

    private LocalLabWorkspace() {
    }

    public static Workspace from(LabStatus status) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String machine : Workspace.DEFAULT_NODE_NAMES) {
            status.endpoints().stream().filter(e -> e.name().equals(machine)).findFirst().ifPresent(e ->
                    endpoints.add(SshEndpoint.direct(e.name(), e.host(), e.port(), e.user(), List.of(Path.of(e.privateKey())))));
        }
        Map<String, String> kubeEnv = status.kubeconfig().isEmpty() ? Map.of() : Map.of("KUBECONFIG", status.kubeconfig());
        endpoints.add(new LocalShellEndpoint("kubectl", List.of("/bin/bash", "-l"), kubeEnv, Optional.empty()));
        endpoints.add(new LocalShellEndpoint("local", List.of("/bin/bash", "-l"), kubeEnv, Optional.empty()));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("KOPS_CLUSTER_NAME", status.clusterName());
        for (LabStatus.Node node : status.nodes()) {
            if (node.name().startsWith("worker")) {
                variables.put("W" + node.name().substring("worker".length()) + "PIP", node.ip());
            }
        }
        Map<String, NodeAddresses> addresses = new LinkedHashMap<>();
        for (LabStatus.Node node : status.nodes()) {
            addresses.put(node.name(), NodeAddresses.of(node.ip(), node.publicIp()));
        }
        return new Workspace(NAME, Backend.LOCAL, endpoints, variables, addresses);
    }

    /**
     * What a pane header shows for each machine after its addresses (which the workspace holds): the
     * user and the node's own name, as the study's prompt shows them, rather than the loopback port its
     * SSH server listens on.
     */
    public static Map<String, String> targetNames(LabStatus status) {
        Map<String, String> names = new LinkedHashMap<>();
        for (LabStatus.Endpoint e : status.endpoints()) {
            names.put(e.name(), e.user() + "@" + e.hostname());
        }
        names.put("kubectl", "local shell, kubectl on the local lab");
        return names;
    }

    /** The lab's known_hosts: the only host keys the workspace's SSH connections accept. */
    public static Path knownHosts(LabStatus status) {
        return Path.of(status.knownHosts());
    }
}
