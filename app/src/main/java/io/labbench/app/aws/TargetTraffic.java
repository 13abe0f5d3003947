package io.labbench.app.aws;

import io.labbench.aws.elb.LoadBalancerView;
import java.io.IOException;
import java.util.Map;

/**
 * Where the Load balancers tab learns how many connections each target of a target group took: the
 * local lab's NLB data plane counts them per target; on AWS an NLB's CloudWatch metrics stop at the
 * target group, so {@link #onAws()} says so and names what there is instead.
 */
@FunctionalInterface
public interface TargetTraffic {

    /** What a read found. */
    sealed interface Reading permits Counted, Unavailable {
    }

    /**
     * @param connectionsByTarget connections per target ({@code id:port}) since the data plane last
     *                            started counting (a restart or reload counts from zero again)
     * @param source              where the counts come from, for the histogram's caption
     */
    record Counted(Map<String, Long> connectionsByTarget, String source) implements Reading {
        public Counted {
            connectionsByTarget = Map.copyOf(connectionsByTarget);
        }
    }

    /** No per-target counts here; {@code why} says why and what the learner can use instead. */
    record Unavailable(String why) implements Reading {
    }

    /** Runs on a background thread. */
    Reading read(LoadBalancerView loadBalancer, LoadBalancerView.TargetGroupView group) throws IOException;

    /**
     * Why the distribution test (requests sent from this machine) cannot reach the load balancers here
     * and what to do instead; empty where it can (on AWS an internet-facing NLB answers from anywhere).
     */
    default java.util.Optional<String> distributionTestUnreachable() {
        return java.util.Optional.empty();
    }

    /** AWS: per-target counts do not exist for an NLB; the learner gets the CloudWatch command for the group's flows. */
    static TargetTraffic onAws() {
        return (lb, group) -> new Unavailable("AWS keeps no per-target request count for an NLB: its CloudWatch metrics "
                + "(namespace AWS/NetworkELB: NewFlowCount, ActiveFlowCount, ProcessedBytes) go down to the target group "
                + "and AZ only. This group's new flows over the last 10 minutes:\n"
                + "aws cloudwatch get-metric-statistics --namespace AWS/NetworkELB --metric-name NewFlowCount --statistics Sum --period 60"
                + " --dimensions Name=LoadBalancer,Value=" + resource(lb.arn()).replaceFirst("^loadbalancer/", "")
                + " Name=TargetGroup,Value=" + resource(group.arn())
                + " --start-time $(date -u -d '-10 min' +%FT%TZ) --end-time $(date -u +%FT%TZ)\n"
                + "To see which pod answered, run the distribution test below (the study's 100-curl loop).");
    }

    /** An ARN's resource part ({@code loadbalancer/net/name/id}, {@code targetgroup/name/id}): CloudWatch's dimension values. */
    private static String resource(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[5] : arn;
    }
}
