package io.labbench.app.path;

import io.labbench.aws.AwsFailure;
import io.labbench.packetpath.cluster.LoadBalancer;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The account's load balancers as the path needs them, read through ELBv2 (the calls the study's {@code aws
 * elbv2 describe-…} makes): each NLB's per-zone addresses, listeners, their target group and its targets with
 * health. An instance-mode target is an instance id here; the path source finds its node's address.
 */
final class Elbv2LoadBalancers {
    private final ElasticLoadBalancingV2Client elb;

    Elbv2LoadBalancers(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    List<LoadBalancer> list() throws AwsFailure {
        List<LoadBalancer> out = new ArrayList<>();
        for (var lb : AwsFailure.call(() -> elb.describeLoadBalancers().loadBalancers())) {
            if (!"network".equals(lb.typeAsString())) {
                continue; // the path follows NLBs; an ALB ends the TCP connection itself
            }
            List<String> addresses = new ArrayList<>();
            for (AvailabilityZone z : lb.availabilityZones()) {
                for (LoadBalancerAddress a : z.loadBalancerAddresses()) {
                    // internal NLBs list their private address; internet-facing ones only an Elastic IP, if any
                    String ip = a.privateIPv4Address() != null ? a.privateIPv4Address() : a.ipAddress();
                    if (ip != null && !ip.isEmpty()) {
                        addresses.add(ip);
                    }
                }
            }
            List<TargetGroup> groups = AwsFailure.call(() -> elb.describeTargetGroups(b -> b.loadBalancerArn(lb.loadBalancerArn()))
                    .targetGroups());
            List<LoadBalancer.Listener> listeners = new ArrayList<>();
            for (Listener l : AwsFailure.call(() -> elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())) {
                String groupArn = l.defaultActions().stream().map(a -> a.targetGroupArn()).filter(a -> a != null).findFirst().orElse("");
                TargetGroup tg = groups.stream().filter(g -> g.targetGroupArn().equals(groupArn)).findFirst().orElse(null);
                if (tg == null) {
                    continue;
                }
                listeners.add(new LoadBalancer.Listener(l.protocolAsString(), l.port(), new LoadBalancer.TargetGroup(
                        tg.targetGroupName(), tg.targetTypeAsString(), tg.port() == null ? 0 : tg.port(), targets(tg))));
            }
            out.add(new LoadBalancer(lb.loadBalancerName(), lb.dnsName(), addresses, listeners));
        }
        return out;
    }

    private List<LoadBalancer.Target> targets(TargetGroup tg) throws AwsFailure {
        List<LoadBalancer.Target> targets = new ArrayList<>();
        for (TargetHealthDescription d : AwsFailure.call(() -> elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions())) {
            String id = d.target().id();
            boolean ip = "ip".equals(tg.targetTypeAsString());
            targets.add(new LoadBalancer.Target(id, ip ? id : "", d.target().port() == null ? 0 : d.target().port(),
                    d.targetHealth() == null ? "" : d.targetHealth().stateAsString()));
        }
        return targets;
    }
}
