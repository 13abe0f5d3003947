package io.labbench.aws.ec2;

import java.util.OptionalInt;

/**
 * The VPC CNI's max-pods arithmetic. In secondary-IP mode every ENI keeps its first address for
 * itself, and the two host-network pods (aws-node, kube-proxy) use the node's IP:
 * {@code ENIs × (IPs per ENI − 1) + 2} — 17 for a t3.medium. With prefix delegation every slot holds
 * a /28 (16 addresses), and AWS caps the result at 110 below 30 vCPUs and 250 above; kubelet's
 * {@code maxPods}, when set, is the final word.
 */
public final class MaxPodsCalculator {

    public enum Mode { SECONDARY_IP, PREFIX_DELEGATION }

    public record Result(int fromEnis, int effective, String formula) {
    }

    private MaxPodsCalculator() {
    }

    public static Result compute(InstanceNetworkLimits limits, Mode mode, OptionalInt kubeletMaxPods) {
        int slots = limits.maxEnis() * (limits.ipv4PerEni() - 1);
        int fromEnis;
        String formula;
        if (mode == Mode.SECONDARY_IP) {
            fromEnis = slots + 2;
            formula = limits.maxEnis() + " × (" + limits.ipv4PerEni() + " − 1) + 2 = " + fromEnis;
        } else {
            int cap = limits.vcpus() < 30 ? 110 : 250;
            fromEnis = Math.min(slots * 16 + 2, cap);
            formula = "min(" + limits.maxEnis() + " × (" + limits.ipv4PerEni() + " − 1) × 16 + 2, " + cap + ") = " + fromEnis;
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
