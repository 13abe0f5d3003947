package io.labbench.aws.elb;

import io.labbench.aws.AwsFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Reads load balancers, listeners, target groups and target health (the NLB section's live view). */
public final class LoadBalancerInventory {

    private final ElasticLoadBalancingV2Client elb;

    public LoadBalancerInventory(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    public List<LoadBalancerView> loadBalancers() throws AwsFailure {
        List<LoadBalancerView> views = new ArrayList<>();
        for (LoadBalancer lb : AwsFailure.call(() -> elb.describeLoadBalancers().loadBalancers())) {
            List<String> listeners = new ArrayList<>();
            Map<String, List<Integer>> portsByGroup = new HashMap<>();
            for (Listener l : AwsFailure.call(() -> elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())) {
                listeners.add(l.protocolAsString() + ":" + l.port());
                for (Action action : l.defaultActions()) {
                    if (action.targetGroupArn() != null && l.port() != null) {
                        portsByGroup.computeIfAbsent(action.targetGroupArn(), arn -> new ArrayList<>()).add(l.port());
                    }
                }
            }
            List<LoadBalancerView.TargetGroupView> groups = new ArrayList<>();
            for (TargetGroup tg : AwsFailure.call(() -> elb.describeTargetGroups(b -> b.loadBalancerArn(lb.loadBalancerArn())).targetGroups())) {
                groups.add(new LoadBalancerView.TargetGroupView(tg.targetGroupName(), tg.targetGroupArn(),
                        tg.targetTypeAsString(), tg.protocolAsString(), tg.port() == null ? 0 : tg.port(),
                        portsByGroup.getOrDefault(tg.targetGroupArn(), List.of()), targets(tg.targetGroupArn())));
            }
            List<LoadBalancerView.ZoneView> zones = new ArrayList<>();
            for (AvailabilityZone z : lb.availabilityZones()) {
                List<String> addresses = new ArrayList<>();
                for (LoadBalancerAddress a : z.loadBalancerAddresses()) {
                    // an Elastic IP (internet-facing) or the private address ELBv2 reports for the node
                    Optional.ofNullable(a.ipAddress()).or(() -> Optional.ofNullable(a.privateIPv4Address())).ifPresent(addresses::add);
                }
                zones.add(new LoadBalancerView.ZoneView(z.zoneName(), z.subnetId() == null ? "" : z.subnetId(), addresses));
            }
            views.add(new LoadBalancerView(lb.loadBalancerName(), lb.loadBalancerArn(), lb.dnsName(), lb.typeAsString(), lb.schemeAsString(),
                    lb.state() == null ? "" : lb.state().codeAsString(), zones, listeners, groups));
        }
        return views;
    }

    public List<LoadBalancerView.TargetView> targets(String targetGroupArn) throws AwsFailure {
        List<LoadBalancerView.TargetView> targets = new ArrayList<>();
        for (TargetHealthDescription d : AwsFailure.call(() -> elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn)).targetHealthDescriptions())) {
            targets.add(new LoadBalancerView.TargetView(d.target().id(), d.target().port() == null ? 0 : d.target().port(),
                    d.targetHealth().stateAsString(),
                    d.targetHealth().reasonAsString() == null ? "" : d.targetHealth().reasonAsString(),
                    d.targetHealth().description() == null ? "" : d.targetHealth().description()));
        }
        return targets;
    }
}
