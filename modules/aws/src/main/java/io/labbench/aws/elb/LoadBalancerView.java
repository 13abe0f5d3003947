package io.labbench.aws.elb;

import java.util.List;

/**
 * A load balancer with its listeners and target groups, and each target's health: what the study
 * checks in the console after creating the NLB service.
 *
 * @param zones one entry per AZ the load balancer has a node in, with that node's addresses where
 *              ELBv2 reports them (an internet-facing NLB without Elastic IPs reports none)
 */
public record LoadBalancerView(String name, String arn, String dnsName, String type, String scheme, String state,
                               List<ZoneView> zones, List<String> listeners, List<TargetGroupView> targetGroups) {

    public LoadBalancerView {
        zones = List.copyOf(zones);
        listeners = List.copyOf(listeners);
        targetGroups = List.copyOf(targetGroups);
    }

    /** One AZ of the load balancer: its subnet and the addresses of its node there. */
    public record ZoneView(String zone, String subnetId, List<String> addresses) {
        public ZoneView {
            addresses = List.copyOf(addresses);
        }
    }

    /** @param listenerPorts the ports of the listeners that forward to this group */
    public record TargetGroupView(String name, String arn, String targetType, String protocol, int port,
                                  List<Integer> listenerPorts, List<TargetView> targets) {
        public TargetGroupView {
            listenerPorts = List.copyOf(listenerPorts);
            targets = List.copyOf(targets);
        }
    }

    public record TargetView(String id, int port, String state, String reason, String description) {
    }
}
