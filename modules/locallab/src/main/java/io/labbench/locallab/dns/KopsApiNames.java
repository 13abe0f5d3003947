package io.labbench.locallab.dns;

import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.util.List;

/**
 * The names kOps' dns-controller keeps for the control plane, {@code api.<cluster>} and
 * {@code api.internal.<cluster>}, pointing at the master, so kubectl on kops-ec2 and the nodes' kubelets
 * find the API server by name as in the study.
 */
public final class KopsApiNames {

    private KopsApiNames() {
    }

    public static ResolverRecordSource of(LabTopology topology) {
        String master = topology.nodes().stream().filter(n -> n.role() == LabNode.Role.CONTROL_PLANE).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the lab's topology has no control-plane node"))
                .ip().toString();
        String cluster = ResolverRecord.normalize(topology.clusterName());
        return ResolverRecordSource.fixed(List.of(new ResolverRecord.A("api." + cluster, master),
                new ResolverRecord.A("api.internal." + cluster, master)));
    }
}
