package io.labbench.localaws.state;

import java.util.List;

/**
 * One change to the lab's ELBv2 state, as {@link Elbv2State#subscribe} delivers it: a load balancer
 * built or rebuilt (with its listeners and target groups), one removed, or a target group whose
 * targets' health changed. A reader that keeps its own copy (the VPC resolver's names, a UI's table)
 * applies these instead of re-reading the whole state on a timer.
 */
public sealed interface Elbv2Change {

    /** The load balancer's ARN the change belongs to. */
    String loadBalancerArn();

    /** @param created false when an existing load balancer's entry was replaced (other targets, listeners) */
    record LoadBalancerPut(Elbv2State.Entry entry, boolean created) implements Elbv2Change {
        @Override
        public String loadBalancerArn() {
            return entry.loadBalancer().arn();
        }
    }

    /** The load balancer is gone, with its listeners, target groups and their targets. */
    record LoadBalancerRemoved(LabCloud.LoadBalancer loadBalancer) implements Elbv2Change {
        @Override
        public String loadBalancerArn() {
            return loadBalancer.arn();
        }
    }

    /** A target group's targets as {@code describe-target-health} lists them now (sent only when they differ). */
    record TargetHealthChanged(String loadBalancerArn, String targetGroupArn, List<LabCloud.TargetHealth> targets)
            implements Elbv2Change {
        public TargetHealthChanged {
            targets = List.copyOf(targets);
        }
    }
}
