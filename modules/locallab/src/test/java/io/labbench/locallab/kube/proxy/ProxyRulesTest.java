package io.labbench.locallab.kube.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules one node gets, line by line as kube-proxy 1.24 writes them into iptables-restore. */
class ProxyRulesTest {

    private static final ProxyRules RULES = new ProxyRules("172.30.0.0/16");
    private static final ServicePortName ECHO = new ServicePortName("default", "echo", "");

    private static ProxyServicePort echo(List<ProxyEndpoint> endpoints, int nodePort, int healthCheck, boolean local) {
        return new ProxyServicePort(ECHO, "TCP", "100.64.5.7", 80, nodePort, healthCheck, local, false, List.of(), List.of(),
                List.of(), endpoints);
    }

    private static final List<ProxyEndpoint> THREE = List.of(new ProxyEndpoint("172.30.33.10", 8080, "node-a"),
            new ProxyEndpoint("172.30.45.20", 8080, "node-b"), new ProxyEndpoint("172.30.61.30", 8080, "node-c"));

    @Test
    void aClusterIpServiceSpreadsOverItsEndpointsWithKubeProxysProbabilities() {
        NodeRules node = RULES.forNode("node-a", "172.30.33.5", List.of(echo(THREE, 0, 0, false)));
        String svc = ChainNames.cluster(ECHO, "TCP");
        assertThat(node.nat().chains().get("KUBE-SERVICES")).containsExactly(
                "-A KUBE-SERVICES -m comment --comment \"default/echo cluster IP\" -m tcp -p tcp -d 100.64.5.7 --dport 80 -j " + svc,
                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
                        + " -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
        String sep0 = ChainNames.endpoint(ECHO, "TCP", "172.30.33.10:8080");
        String sep1 = ChainNames.endpoint(ECHO, "TCP", "172.30.45.20:8080");
        String sep2 = ChainNames.endpoint(ECHO, "TCP", "172.30.61.30:8080");
        assertThat(node.nat().chains().get(svc)).containsExactly(
                "-A " + svc + " -m comment --comment \"default/echo cluster IP\" -m tcp -p tcp -d 100.64.5.7 --dport 80"
                        + " ! -s 172.30.0.0/16 -j KUBE-MARK-MASQ",
                "-A " + svc + " -m comment --comment default/echo -m statistic --mode random --probability 0.3333333333 -j " + sep0,
                "-A " + svc + " -m comment --comment default/echo -m statistic --mode random --probability 0.5000000000 -j " + sep1,
                "-A " + svc + " -m comment --comment default/echo -j " + sep2);
        assertThat(node.nat().chains().get(sep1)).containsExactly(
                "-A " + sep1 + " -m comment --comment default/echo -s 172.30.45.20 -j KUBE-MARK-MASQ",
                "-A " + sep1 + " -m comment --comment default/echo -m tcp -p tcp -j DNAT --to-destination 172.30.45.20:8080");
        assertThat(node.filter().chains().get("KUBE-SERVICES")).isEmpty();
    }

    @Test
    void aServiceWithoutReadyEndpointsIsRejectedInTheFilterTableAndHasNoNatChains() {
        NodeRules node = RULES.forNode("node-a", "172.30.33.5", List.of(echo(List.of(), 30080, 0, false)));
        assertThat(node.filter().chains().get("KUBE-SERVICES")).containsExactly(
                "-A KUBE-SERVICES -m comment --comment \"default/echo has no endpoints\" -m tcp -p tcp -d 100.64.5.7 --dport 80 -j REJECT");
        assertThat(node.filter().chains().get("KUBE-EXTERNAL-SERVICES")).containsExactly(
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/echo has no endpoints\" -m addrtype --dst-type LOCAL"
                        + " -m tcp -p tcp --dport 30080 -j REJECT");
        assertThat(node.nat().chains().keySet()).noneMatch(c -> c.startsWith("KUBE-SVC-") || c.startsWith("KUBE-SEP-"));
    }

    @Test
    void aNodePortGoesThroughTheExternalChainWhichMasquerades() {
        NodeRules node = RULES.forNode("node-a", "172.30.33.5", List.of(echo(THREE, 30080, 0, false)));
        String ext = ChainNames.external(ECHO, "TCP");
        assertThat(node.nat().chains().get("KUBE-NODEPORTS")).containsExactly(
                "-A KUBE-NODEPORTS -m comment --comment default/echo -m tcp -p tcp --dport 30080 -j " + ext);
        assertThat(node.nat().chains().get(ext)).containsExactly(
                "-A " + ext + " -m comment --comment \"masquerade traffic for default/echo external destinations\" -j KUBE-MARK-MASQ",
                "-A " + ext + " -j " + ChainNames.cluster(ECHO, "TCP"));
    }

    @Test
    void externalTrafficPolicyLocalUsesOnlyThisNodesEndpointsAndDropsWhereThereAreNone() {
        List<ProxyEndpoint> one = List.of(THREE.get(1));
        NodeRules withPod = RULES.forNode("node-b", "172.30.45.5", List.of(echo(one, 30080, 32001, true)));
        NodeRules without = RULES.forNode("node-a", "172.30.33.5", List.of(echo(one, 30080, 32001, true)));
        String svl = ChainNames.local(ECHO, "TCP");
        String ext = ChainNames.external(ECHO, "TCP");
        assertThat(withPod.nat().chains().get(svl)).containsExactly(
                "-A " + svl + " -m comment --comment default/echo -j " + ChainNames.endpoint(ECHO, "TCP", "172.30.45.20:8080"));
        assertThat(withPod.nat().chains().get(ext)).endsWith("-A " + ext + " -j " + svl);
        assertThat(without.nat().chains()).doesNotContainKey(svl);
        assertThat(without.nat().chains().get(ext)).noneMatch(r -> r.endsWith("-j " + svl));
        assertThat(without.filter().chains().get("KUBE-EXTERNAL-SERVICES")).containsExactly(
                "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/echo has no local endpoints\" -m addrtype --dst-type LOCAL"
                        + " -m tcp -p tcp --dport 30080 -j DROP");
        assertThat(without.filter().chains().get("KUBE-NODEPORTS")).containsExactly(
                "-A KUBE-NODEPORTS -m comment --comment \"default/echo health check node port\" -m tcp -p tcp --dport 32001 -j ACCEPT");
    }

    @Test
    void loadBalancerIngressAddressesJumpToTheExternalChain() {
        ProxyServicePort lb = new ProxyServicePort(ECHO, "TCP", "100.64.5.7", 80, 30080, 0, false, false, List.of(),
                List.of("203.0.113.50"), List.of(), THREE);
        NodeRules node = RULES.forNode("node-a", "172.30.33.5", List.of(lb));
        assertThat(node.nat().chains().get("KUBE-SERVICES")).contains(
                "-A KUBE-SERVICES -m comment --comment \"default/echo loadbalancer IP\" -m tcp -p tcp -d 203.0.113.50 --dport 80 -j "
                        + ChainNames.external(ECHO, "TCP"));
    }

    @Test
    void aRestoreAfterAnEndpointChangeWritesOnlyTheChangedChainsAndDeletesTheGoneOne() {
        NodeRules before = RULES.forNode("node-a", "172.30.33.5", List.of(echo(THREE, 0, 0, false)));
        NodeRules after = RULES.forNode("node-a", "172.30.33.5", List.of(echo(THREE.subList(0, 2), 0, 0, false)));
        RestoreDelta delta = RestoreDelta.between(before, after);
        String gone = ChainNames.endpoint(ECHO, "TCP", "172.30.61.30:8080");
        String svc = ChainNames.cluster(ECHO, "TCP");
        assertThat(delta.text()).isEqualTo("*nat\n:" + svc + " - [0:0]\n:" + gone + " - [0:0]\n"
                + String.join("\n", after.nat().chains().get(svc)) + "\n-X " + gone + "\nCOMMIT\n");
        assertThat(delta.changedChains()).isEqualTo(2);
        assertThat(RestoreDelta.between(after, after).isEmpty()).isTrue();
    }
}
