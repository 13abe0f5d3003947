package io.labbench.locallab.kube.api.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kOps' service CIDR with the two well-known addresses kept back, NodePorts in 30000–32767. */
class ServiceAddressesTest {

    private final ServiceAddresses addresses = new ServiceAddresses();

    @Test
    void theWellKnownAddressesGoOnlyToWhoAsksForThem() {
        assertThat(addresses.clusterIp("default/kubernetes", ServiceAddresses.KUBERNETES_IP)).isEqualTo("100.64.0.1");
        assertThat(addresses.clusterIp("kube-system/kube-dns", ServiceAddresses.KUBE_DNS_IP)).isEqualTo("100.64.0.10");
        for (int i = 0; i < 20; i++) {
            assertThat(addresses.clusterIp("default/svc-" + i, "")).isNotIn("100.64.0.1", "100.64.0.10").startsWith("100.64.0.");
        }
    }

    @Test
    void anAddressIsHeldByOneServiceAndFreedWithIt() {
        String ip = addresses.clusterIp("default/web", "");
        assertThat(addresses.clusterIp("default/web", "")).as("admitted twice, allocated once").isEqualTo(ip);
        assertThatThrownBy(() -> addresses.clusterIp("default/other", ip))
                .isInstanceOf(ServiceAddresses.Refused.class).hasMessageContaining("provided IP is already allocated");
        assertThatThrownBy(() -> addresses.clusterIp("default/other", "10.0.0.5"))
                .hasMessageContaining("not in the valid range").hasMessageContaining("100.64.0.0/13");
        addresses.release("default/web");
        assertThat(addresses.clusterIp("default/other", ip)).isEqualTo(ip);
    }

    @Test
    void nodePortsStayInTheirRangeAndAreNotHandedOutTwice() {
        int first = addresses.nodePort("default/a", OptionalInt.empty(), Set.of());
        int second = addresses.nodePort("default/a", OptionalInt.empty(), Set.of(first));
        assertThat(first).isBetween(30000, 32767);
        assertThat(second).isNotEqualTo(first).isBetween(30000, 32767);
        assertThatThrownBy(() -> addresses.nodePort("default/b", OptionalInt.of(first), Set.of()))
                .hasMessageContaining("provided port is already allocated");
        assertThatThrownBy(() -> addresses.nodePort("default/b", OptionalInt.of(8080), Set.of()))
                .hasMessageContaining("30000-32767");
    }
}
