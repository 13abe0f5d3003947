package io.labbench.packetpath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.packetpath.Hop;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.Rewrite;
import io.labbench.packetpath.cluster.ClusterState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's node holds 2,000 rules and its flow really crosses KUBE-SERVICES to the last Service's DNAT. */
class KubeProxyNodeTest {

    @Test
    void twoHundredFiftyServicesMakeTwoThousandRulesAndTheFlowIsDnatedByTheLast() {
        KubeProxyNode node = new KubeProxyNode(250);
        assertThat(node.rules().ruleCount()).isBetween(2000, 2010);
        ClusterState cluster = node.cluster();
        PacketPath path = new PathResolver(cluster, node.kernel(node.rules())).resolve(node.flow(cluster));
        assertThat(path.outcome()).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(path.hops()).map(Hop::object).contains("nat KUBE-SERVICES #500", "nat KUBE-SVC-249 #1");
        assertThat(path.hops().stream().map(Hop::rewrite).flatMap(Optional::stream))
                .contains(new Rewrite("destination", KubeProxyNode.serviceIp(249) + ":80", KubeProxyNode.endpointIp(249, 0) + ":8080"));
    }
}
