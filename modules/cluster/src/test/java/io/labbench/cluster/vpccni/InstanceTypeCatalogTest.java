package io.labbench.cluster.vpccni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceTypeCatalogTest {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();

    @Test
    void everyEniLimitGivesTheMaxPodsOfTheRealVpcCniTable() {
        assertThat(catalog.types()).isNotEmpty();
        catalog.types().values().forEach(type -> assertThat(catalog.publishedMaxPods(type.name()))
                .as(type.name()).hasValue(type.eniMaxPods()));
    }

    @Test
    void t3MediumRunsSeventeenPodsFromThreeEnisOfSixAddresses() {
        InstanceType t3 = catalog.require("t3.medium");
        assertThat(t3.maxEnis()).isEqualTo(3);
        assertThat(t3.ipv4PerEni()).isEqualTo(6);
        assertThat(t3.eniMaxPods()).isEqualTo(17);
        assertThat(t3.podIpCapacity(true)).isEqualTo(240);
    }

    @Test
    void unknownTypeIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> catalog.require("x9.huge")).hasMessageContaining("x9.huge").hasMessageContaining("t3.medium");
    }
}
