package io.labbench.app.aws;

import io.labbench.aws.elb.LoadBalancerView;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.nlb.NlbTraffic;
import java.io.IOException;
import java.util.Optional;

/**
 * The local lab's per-target counts, read from the lab's folder (the same lab whose ELBv2 the window shows):
 * the connections each NLB's HAProxy passed to each target, from its runtime socket, or, for instance
 * targets the kernel forwards (to keep the client's address), the packet counters of each target's DNAT rule.
 */
public final class LocalLabTargetTraffic implements TargetTraffic {

    private final LabSettings lab;

    public LocalLabTargetTraffic(LabSettings lab) {
        this.lab = lab;
    }

    @Override
    public Optional<String> distributionTestUnreachable() {
        return Optional.of("On the local lab the NLB's name and addresses answer inside the lab's VPC only, not from this machine."
                + " Run the study's loop in the kops-ec2 terminal and watch the histogram above:"
                + " for i in $(seq 1 100); do curl -s $NLB | grep Hostname; done | sort | uniq -c | sort -nr");
    }

    @Override
    public Reading read(LoadBalancerView loadBalancer, LoadBalancerView.TargetGroupView group) throws IOException {
        Optional<NlbTraffic.Counts> counts = NlbTraffic.read(lab, loadBalancer.name());
        if (counts.isEmpty()) {
            return new Unavailable("The lab runs no data plane for " + loadBalancer.name() + " right now: the controller starts its "
                    + "HAProxy within a second of building the NLB. If this stays, read the controller's log: "
                    + "kubectl logs -n kube-system deploy/aws-load-balancer-controller");
        }
        return new Counted(counts.get().forListeners(group.listenerPorts()),
                "connections the NLB passed to each target (HAProxy's per-server session count; for instance targets the kernel"
                        + " forwards, the first-packet counter of the target's DNAT rule)");
    }
}
