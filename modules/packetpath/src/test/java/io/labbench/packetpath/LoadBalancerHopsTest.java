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
 * The NLB's part of a path: listener → target group → target, then on to the target's node; and the reply,
 * which the NLB's flow table sends back to the client from the listener. The node side is the fixture node;
 * the load balancer is written for the test.
 */
class LoadBalancerHopsTest {

    /** The coredns pod that is the DNS NLB's one target, the NLB's address, node1's. */
    private static final String TARGET = "10.244.0.24";
    private static final String NLB_IP = "172.20.0.200";
    private static final String NODE1 = "172.20.0.70";

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
                .noneSatisfy(n -> assertThat(n).contains("reply through the NLB is not traced"));
    }

    @Test
    void theReplyGoesBackThroughTheNlbsFlowTableToTheClientUnNatted() {
        PacketPath path = node1ToTheDnsNlb(FlannelNode.kernel(""));
        String shown = PathText.render(path);

        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        List<Hop> reply = path.hops(Direction.REPLY);
        assertThat(reply.get(0).machine()).as(shown).isEqualTo("pod/kube-system/coredns-a");
        // the flow table undoes both rewrites of the way in: back to the client, from the listener
        assertThat(reply).as(shown).filteredOn(h -> h.kind() == HopKind.LOAD_BALANCER).extracting(Hop::rewrite).containsExactly(
                java.util.Optional.of(new Rewrite("destination", NLB_IP, NODE1)),
                java.util.Optional.of(new Rewrite("source", TARGET + ":80", NLB_IP + ":80")));
        Hop last = reply.get(reply.size() - 1);
        assertThat(last.machine()).isEqualTo("node1");
        assertThat(last.kind()).isEqualTo(HopKind.ENDPOINT);
        assertThat(last.packet()).isEqualTo(NLB_IP + ":80 → " + NODE1);
    }

    @Test
    void onABackendThatCannotReadTheVpcAndTheNlbTheirHopsAreMarkedNotObservableWithTheReason() {
        PacketPath path = node1ToTheDnsNlb(FlannelNode.kernel("")
                .notObservable(PathResolver.VPC, "not observable on AWS: the VPC router is AWS's")
                .notObservable("nlb-dns", "not observable on AWS: the NLB's target choice and flow table are AWS's"));
        String shown = PathText.render(path);

        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(path.hops()).as(shown).filteredOn(h -> h.kind() == HopKind.LOAD_BALANCER).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unobservable()).contains("not observable on AWS: the NLB's target choice and flow"
                        + " table are AWS's"));
        assertThat(path.hops()).as(shown).filteredOn(h -> h.kind() == HopKind.FABRIC).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unobservable()).contains("not observable on AWS: the VPC router is AWS's"));
        // what the node did was read: none of its hops is marked
        assertThat(path.hops()).as(shown).filteredOn(h -> h.machine().equals("node1")).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unobservable()).isEmpty());
        assertThat(shown).contains("not observable: not observable on AWS: the VPC router is AWS's");
        assertThat(PathJson.write(path, java.util.Map.of())).containsPattern("\"unobservable\" ?: ?\"not observable on AWS: the VPC router");
        assertThat(path.notes()).anySatisfy(n -> assertThat(n).contains("The VPC's own routing is not observable on this backend"));
    }

    /**
     * node1 to an IP-mode NLB whose one target is the fixture's coredns pod, with the kernel's answers for the way
     * there and back recorded on node1; resolved on {@code kernel}.
     */
    private static PacketPath node1ToTheDnsNlb(RecordedKernel kernel) {
        ClusterState base = FlannelNode.cluster();
        LoadBalancer nlb = new LoadBalancer("nlb-dns", "nlb-dns-1234.elb.us-east-1.amazonaws.com", List.of(NLB_IP),
                List.of(new LoadBalancer.Listener("TCP", 80, new LoadBalancer.TargetGroup("k8s-kubesyst-dns", "ip", 80,
                        List.of(new LoadBalancer.Target(TARGET, TARGET, 80, "healthy"))))));
        ClusterState cluster = new ClusterState(base.nodes(), base.pods(), base.services(), List.of(nlb), base.vpcCidr(), base.names());
        answer(kernel, RouteQuery.local(NLB_IP), NLB_IP + " dev eth0 src " + NODE1 + " uid 0 \n    cache \n");
        answer(kernel, new RouteQuery(TARGET, NLB_IP, "eth0", ""), TARGET + " from " + NLB_IP + " dev vethcorednsa \n    cache iif eth0 \n");
        answer(kernel, new RouteQuery(NLB_IP, TARGET, "vethcorednsa", ""), NLB_IP + " from " + TARGET
                + " dev eth0 \n    cache iif vethcorednsa \n");
        answer(kernel, new RouteQuery(NODE1, NLB_IP, "eth0", ""), "local " + NODE1 + " from " + NLB_IP
                + " dev lo table local \n    cache <local> iif eth0 \n");
        Place from = Places.parse("node1", cluster).place().orElseThrow();
        Place to = Places.parse("nlb-dns-1234.elb.us-east-1.amazonaws.com", cluster).place().orElseThrow();
        return new PathResolver(cluster, kernel).resolve(Places.flow(from, to, "", 0));
    }

    private static void answer(RecordedKernel k, RouteQuery q, String text) {
        k.route("node1", q, IpRouteGetParser.parse(text).lookup().orElseThrow());
    }
}
