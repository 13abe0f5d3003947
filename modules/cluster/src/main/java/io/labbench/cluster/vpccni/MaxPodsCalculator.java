package io.labbench.cluster.vpccni;

import java.util.OptionalInt;

/**
 * The VPC CNI's max-pods arithmetic with its working shown. In secondary-IP mode it is
 * {@link InstanceType#eniMaxPods()} — 17 for a t3.medium. With prefix delegation every slot holds a
 * /28 (16 addresses), and AWS caps the result at 110 below 30 vCPUs and 250 above; kubelet's
 * {@code maxPods}, when set, is the final word.
 */
public final class MaxPodsCalculator {

    public enum Mode { SECONDARY_IP, PREFIX_DELEGATION }

    /**
     * @param fromEnis  what the ENIs can address (capped with prefix delegation)
     * @param effective what the scheduler obeys: kubelet's maxPods when set, else {@code fromEnis}
     * @param formula   the arithmetic as the learner reads it, e.g. {@code 3 × (6 − 1) + 2 = 17}
     */
    public record Result(int fromEnis, int effective, String formula) {
    }

    private MaxPodsCalculator() {
    }

    public static Result compute(InstanceType type, Mode mode, OptionalInt kubeletMaxPods) {
        int fromEnis;
        String formula;
        if (mode == Mode.SECONDARY_IP) {
            fromEnis = type.eniMaxPods();
            formula = type.maxEnis() + " × (" + type.ipv4PerEni() + " − 1) + 2 = " + fromEnis;
        } else {
            int cap = type.vcpus() < 30 ? 110 : 250;
            fromEnis = Math.min(type.podIpCapacity(true) + 2, cap);
            formula = "min(" + type.maxEnis() + " × (" + type.ipv4PerEni() + " − 1) × 16 + 2, " + cap + ") = " + fromEnis;
        }
        // kubelet's maxPods is what the scheduler obeys; above the IP capacity, extra pods are scheduled
        // but stay ContainerCreating because the CNI has no address for them.
        int effective = kubeletMaxPods.isPresent() ? kubeletMaxPods.getAsInt() : fromEnis;
        if (kubeletMaxPods.isPresent()) {
            formula += "; kubelet maxPods " + effective
                    + (effective > fromEnis ? " (above the " + fromEnis + " the ENIs can address: extra pods stay ContainerCreating)" : "");
        }
        return new Result(fromEnis, effective, formula);
    }
}
