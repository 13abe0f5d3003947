package io.labbench.aws.elb;

import io.labbench.aws.AwsFailure;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
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
            for (Listener l : AwsFailure.call(() -> elb.describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners())) {
                listeners.add(l.protocolAsString() + ":" + l.port());
            }
            List<LoadBalancerView.TargetGroupView> groups = new ArrayList<>();
            for (TargetGroup tg : AwsFailure.call(() -> elb.describeTargetGroups(b -> b.loadBalancerArn(lb.loadBalancerArn())).targetGroups())) {
                groups.add(new LoadBalancerView.TargetGroupView(tg.targetGroupName(), tg.targetGroupArn(),
                        tg.targetTypeAsString(), tg.protocolAsString(), tg.port() == null ? 0 : tg.port(),
                        targets(tg.targetGroupArn())));
            }
            views.add(new LoadBalancerView(lb.loadBalancerName(), lb.dnsName(), lb.typeAsString(), lb.schemeAsString(),
                    lb.state() == null ? "" : lb.state().codeAsString(), listeners, groups));
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
