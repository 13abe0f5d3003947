package io.labbench.aws.elb;

import java.util.List;

/**
 * A load balancer with its listeners and target groups, and each target's health: what the study
 * checks in the console after creating the NLB service.
 */
public record LoadBalancerView(String name, String dnsName, String type, String scheme, String state,
                               List<String> listeners, List<TargetGroupView> targetGroups) {

    public record TargetGroupView(String name, String arn, String targetType, String protocol, int port,
                                  List<TargetView> targets) {
    }

    public record TargetView(String id, int port, String state, String reason, String description) {
    }
}
