package io.labbench.aws.cost;

import io.labbench.aws.AwsFailure;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * What this lab has running in AWS and what it costs per hour: the stack, the cluster's instances,
 * NLBs and volumes. The app warns on exit while {@link #running} is not empty.
 */
public final class CostGuard {

    private final CloudFormationClient cfn;
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final PriceTable prices;

    public CostGuard(CloudFormationClient cfn, Ec2Client ec2, ElasticLoadBalancingV2Client elb, PriceTable prices) {
        this.cfn = cfn;
        this.ec2 = ec2;
        this.elb = elb;
        this.prices = prices;
    }

    public List<RunningResource> running(String stackName, String clusterName) throws AwsFailure {
        List<RunningResource> resources = new ArrayList<>();
        AwsFailure.call(() -> {
            cfn.describeStacks().stacks().stream()
                    .filter(s -> s.stackName().equals(stackName) && !s.stackStatusAsString().equals("DELETE_COMPLETE"))
                    .forEach(s -> resources.add(new RunningResource(RunningResource.Kind.STACK, s.stackName(), s.stackStatusAsString(), 0)));
            List<Filter> filters = List.of(Filter.builder().name("instance-state-name").values("pending", "running").build());
            ec2.describeInstancesPaginator(b -> b.filters(filters)).reservations().forEach(r -> r.instances().forEach(i -> {
                boolean ours = i.tags().stream().anyMatch(t -> (t.key().equals("KubernetesCluster") && t.value().equals(clusterName))
                        || (t.key().equals("Name") && t.value().equals("kops-ec2")));
                if (ours) {
                    resources.add(new RunningResource(RunningResource.Kind.INSTANCE, i.instanceId(), i.instanceTypeAsString(),
                            prices.instanceHourly(i.instanceTypeAsString()).orElse(0)));
                }
            }));
            ec2.describeVolumesPaginator(b -> b.filters(Filter.builder().name("tag:KubernetesCluster").values(clusterName).build()))
                    .volumes().forEach(v -> resources.add(new RunningResource(RunningResource.Kind.VOLUME, v.volumeId(),
                            v.size() + " GiB " + v.volumeTypeAsString(), prices.volumeHourly(v.size()))));
            elb.describeLoadBalancers().loadBalancers().stream()
                    .filter(lb -> "network".equals(lb.typeAsString()))
                    .forEach(lb -> resources.add(new RunningResource(RunningResource.Kind.LOAD_BALANCER, lb.loadBalancerName(),
                            lb.dnsName(), prices.nlbHourly())));
            return null;
        });
        return resources;
    }

    public static double hourlyTotal(List<RunningResource> resources) {
        return resources.stream().mapToDouble(RunningResource::usdPerHour).sum();
    }
}
