package io.labbench.packetpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.parsers.IpRouteGetParser;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.cluster.LoadBalancer;
import io.labbench.packetpath.kernel.RecordedKernel;
import io.labbench.packetpath.kernel.RouteQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NLB's part of a path (forward only so far): listener → target group → target, then on to the
 * target's node. The node side is the fixture node; the load balancer is written for the test.
 */
class LoadBalancerHopsTest {

    @Test
    void aFlowToTheNlbCrossesListenerTargetGroupAndTargetThenGoesToTheTargetsNode() {
        ClusterState base = FlannelNode.cluster();
        LoadBalancer nlb = new LoadBalancer("nlb-echo", "nlb-echo-1234.elb.us-east-1.amazonaws.com", List.of("172.20.0.200"),
                List.of(new LoadBalancer.Listener("TCP", 80, new LoadBalancer.TargetGroup("k8s-default-echo", "ip", 80,
                        List.of(new LoadBalancer.Target(FlannelNode.NGINX_POD, FlannelNode.NGINX_POD, 80, "healthy"))))));
        ClusterState cluster = new ClusterState(base.nodes(), base.pods(), base.services(), List.of(nlb), base.vpcCidr(), base.names());
        RecordedKernel kernel = FlannelNode.kernel("");
        kernel.route("node1", RouteQuery.local("172.20.0.200"),
                IpRouteGetParser.parse("172.20.0.200 dev eth0 src 172.20.0.70 uid 0 \n    cache \n").lookup().orElseThrow());
        Place from = Places.parse("node1", cluster).place().orElseThrow();
        Place to = Places.parse("nlb-echo-1234.elb.us-east-1.amazonaws.com", cluster).place().orElseThrow();
        PacketPath path = new PathResolver(cluster, kernel).resolve(Places.flow(from, to, "", 0));
        String shown = PathText.render(path);

        assertThat(path.hops()).as(shown).filteredOn(h -> h.kind() == HopKind.LOAD_BALANCER).extracting(Hop::object)
                .containsExactly("listener TCP:80", "k8s-default-echo", "target " + FlannelNode.NGINX_POD);
        Hop target = path.hops().stream().filter(h -> h.object().startsWith("target ")).findFirst().orElseThrow();
        assertThat(target.rewrite()).contains(new Rewrite("destination", "172.20.0.200:80", FlannelNode.NGINX_POD + ":80"));
        assertThat(target.packet()).isEqualTo("172.20.0.200 → " + FlannelNode.NGINX_POD + ":80");
        // node2's state is not recorded: the path stops there and says so
        assertThat(path.outcome()).isEqualTo(PacketPath.Outcome.UNRESOLVED);
        assertThat(path.notes()).anySatisfy(n -> assertThat(n).contains("node2's state was not read"))
                .anySatisfy(n -> assertThat(n).contains("reply through the NLB is not traced"));
    }
}
