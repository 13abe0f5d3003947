package io.labbench.locallab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.settings.LabSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeIpamTest {

    private static NodeIpam worker1(LabSettings settings) {
        LabTopology topology = settings.topology();
        LabNode node = topology.node("worker1");
        SubnetAddressPool pool = new SubnetAddressPool(node.subnet(), 42);
        topology.nodes().forEach(n -> {
            if (n.subnet().equals(node.subnet())) {
                pool.reserve(n.ip());
            }
        });
        return new NodeIpam(node, settings.prefixDelegation(), pool);
    }

    @Test
    void firstPodBringsTheSecondaryEniAsTheWarmPoolRunsLow() throws Exception {
        NodeIpam ipam = worker1(LabSettings.defaults(Path.of("/tmp/x"), "lbt"));
        assertThat(ipam.enis()).hasSize(1);
        NodeIpam.Allocation first = ipam.allocate("default/pod-1");
        assertThat(first.deviceIndex()).isZero();
        assertThat(first.attachedEnis()).extracting(e -> e.device()).containsExactly("ens6");
        assertThat(ipam.enis()).hasSize(2);
    }

    @Test
    void t3MediumGivesFifteenPodAddressesAndSeventeenPodsWithTheHostNetworkOnes() throws Exception {
        NodeIpam ipam = worker1(LabSettings.defaults(Path.of("/tmp/x"), "lbt"));
        ipam.addHostNetworkPod("kube-system/aws-node-x");
        ipam.addHostNetworkPod("kube-system/kube-proxy-x");
        Set<Ipv4> ips = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            NodeIpam.Allocation a = ipam.allocate("default/nginx-" + i);
            assertThat(ipam.node().subnet().contains(a.ip())).isTrue();
            ips.add(a.ip());
        }
        assertThat(ips).hasSize(15).doesNotContain(ipam.node().ip());
        assertThat(ipam.enis()).extracting(NodeIpam.Eni::device).containsExactly("ens5", "ens6", "ens7");
        assertThatThrownBy(() -> ipam.allocate("default/nginx-15")).isInstanceOf(IpamException.class)
                .hasMessageContaining("17 pods").extracting(e -> ((IpamException) e).reason())
                .isEqualTo(IpamException.Reason.TOO_MANY_PODS);
    }

    @Test
    void withoutHostNetworkPodsTheSixteenthPodFindsNoAddress() throws Exception {
        NodeIpam ipam = worker1(LabSettings.defaults(Path.of("/tmp/x"), "lbt"));
        for (int i = 0; i < 15; i++) {
            ipam.allocate("default/p" + i);
        }
        assertThatThrownBy(() -> ipam.allocate("default/p15")).isInstanceOf(IpamException.class)
                .hasMessageContaining("no available IP/Prefix addresses");
        ipam.release("default/p3");
        assertThat(ipam.allocate("default/p15").ip()).isNotNull();
    }

    @Test
    void prefixDelegationHandsOutAlignedSlash28sUpToKubeletMaxPods() throws Exception {
        NodeIpam ipam = worker1(LabSettings.defaults(Path.of("/tmp/x"), "lbt").withPrefixDelegation(110));
        for (int i = 0; i < 110; i++) {
            ipam.allocate("default/p" + i);
        }
        assertThat(ipam.enis()).allSatisfy(eni -> eni.prefixes.forEach(p -> assertThat(p.bits() % 16).isZero()));
        int prefixes = ipam.enis().stream().mapToInt(e -> e.prefixes.size()).sum();
        assertThat(prefixes * 16).isGreaterThanOrEqualTo(110);
        assertThat(ipam.enis()).hasSizeGreaterThan(1);
        assertThatThrownBy(() -> ipam.allocate("default/p110")).isInstanceOf(IpamException.class).hasMessageContaining("110");
    }
}
