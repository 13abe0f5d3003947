package io.labbench.app.aws;

import io.labbench.aws.ec2.ClusterNode;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.workspace.NodeAddresses;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what AWS reports into the workspace's endpoints and variables, the way the study connects:
 * {@code kops-ec2} by its public IP as {@code root} with the learner's key pair, the nodes as
 * {@code ubuntu} through {@code kops-ec2} (jump, so no key is copied to the bastion) or directly by
 * public IP, {@code W1PIP}/{@code W2PIP} as the study sets them by hand, and every machine's VPC and
 * public IP for its pane header.
 */
public final class AwsEndpoints {

    /** The stack output that holds the bastion's address (the study's template calls it KOPSEC2IP / KopsEC2IP). */
    public static Optional<String> kopsEc2Address(Map<String, String> stackOutputs) {
        return stackOutputs.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).replace("_", "").contains("kopsec2"))
                .map(Map.Entry::getValue).findFirst();
    }

    public static Workspace withKopsEc2(Workspace workspace, String address, List<Path> keyFiles) {
        return replace(workspace, SshEndpoint.direct("kops-ec2", address, SshEndpoint.DEFAULT_PORT, "root", keyFiles));
    }

    public static Workspace withNodes(Workspace workspace, Map<String, ClusterNode> named, List<Path> keyFiles, boolean jumpThroughKopsEc2) {
        Workspace updated = workspace;
        for (Map.Entry<String, ClusterNode> entry : named.entrySet()) {
            ClusterNode node = entry.getValue();
            // the pane header shows both addresses, whichever one the SSH connection goes to
            if (!node.privateIp().isBlank()) {
                updated = updated.withAddresses(entry.getKey(), new NodeAddresses(node.privateIp(), node.publicIp()));
            }
            if (entry.getKey().equals("kops-ec2")) {
                if (node.publicIp().isPresent()) {
                    updated = withKopsEc2(updated, node.publicIp().get(), keyFiles);
                }
                continue;
            }
            SshEndpoint endpoint = jumpThroughKopsEc2 || node.publicIp().isEmpty()
                    ? SshEndpoint.direct(entry.getKey(), node.privateIp(), SshEndpoint.DEFAULT_PORT, "ubuntu", keyFiles).withJump("kops-ec2")
                    : SshEndpoint.direct(entry.getKey(), node.publicIp().get(), SshEndpoint.DEFAULT_PORT, "ubuntu", keyFiles);
            updated = replace(updated, endpoint);
            if (entry.getKey().startsWith("worker")) {
                updated = updated.withVariable("W" + entry.getKey().substring("worker".length()) + "PIP", node.privateIp());
            }
        }
        return updated;
    }

    /** The key files an existing endpoint uses, so replacing its address keeps the learner's key. */
    public static List<Path> keyFilesOf(Workspace workspace, String endpointName) {
        return workspace.endpoint(endpointName).filter(SshEndpoint.class::isInstance).map(SshEndpoint.class::cast)
                .map(SshEndpoint::identityFiles).orElse(List.of());
    }

    private static Workspace replace(Workspace workspace, Endpoint endpoint) {
        List<Endpoint> endpoints = new ArrayList<>();
        boolean replaced = false;
        for (Endpoint existing : workspace.endpoints()) {
            if (existing.name().equals(endpoint.name())) {
                endpoints.add(endpoint);
                replaced = true;
            } else {
                endpoints.add(existing);
            }
        }
        if (!replaced) {
            endpoints.add(endpoint);
        }
        return workspace.withEndpoints(endpoints);
    }

    private AwsEndpoints() {
    }
}
