package io.labbench.cluster.vpccni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The study's figures, worked out from the offline table as the AWS tab shows them. */
class MaxPodsCalculatorTest {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();

    @Test
    void t3MediumGivesSeventeenPodsAndOneHundredTenWithPrefixDelegation() {
        InstanceType t3medium = catalog.require("t3.medium");
        MaxPodsCalculator.Result secondary = MaxPodsCalculator.compute(t3medium, MaxPodsCalculator.Mode.SECONDARY_IP, OptionalInt.empty());
        assertThat(secondary.effective()).isEqualTo(17);
        assertThat(secondary.formula()).isEqualTo("3 × (6 − 1) + 2 = 17");
        MaxPodsCalculator.Result prefixes = MaxPodsCalculator.compute(t3medium, MaxPodsCalculator.Mode.PREFIX_DELEGATION, OptionalInt.of(110));
        assertThat(prefixes.fromEnis()).isEqualTo(110);
        assertThat(prefixes.effective()).isEqualTo(110);
    }

    @Test
    void c54xlargeGives234AndPrefixDelegationCapsAt250AboveThirtyVcpus() {
        InstanceType c54xl = catalog.require("c5.4xlarge");
        assertThat(MaxPodsCalculator.compute(c54xl, MaxPodsCalculator.Mode.SECONDARY_IP, OptionalInt.empty()).effective()).isEqualTo(234);
        // 16 vCPUs: below 30, so the prefix-delegation cap is 110 however many /28s the ENIs hold
        assertThat(MaxPodsCalculator.compute(c54xl, MaxPodsCalculator.Mode.PREFIX_DELEGATION, OptionalInt.empty()).effective()).isEqualTo(110);
        InstanceType big = new InstanceType("m5.8xlarge", 8, 30, 32, 131072, true);
        assertThat(MaxPodsCalculator.compute(big, MaxPodsCalculator.Mode.PREFIX_DELEGATION, OptionalInt.empty()).effective()).isEqualTo(250);
    }

    @Test
    void kubeletMaxPodsAboveWhatTheEnisAddressIsExplained() {
        InstanceType t3medium = catalog.require("t3.medium");
        MaxPodsCalculator.Result result = MaxPodsCalculator.compute(t3medium, MaxPodsCalculator.Mode.SECONDARY_IP, OptionalInt.of(40));
        assertThat(result.effective()).isEqualTo(40);
        assertThat(result.formula()).contains("above the 17").contains("ContainerCreating");
    }
}
