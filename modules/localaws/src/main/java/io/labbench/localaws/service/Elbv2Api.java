package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.state.LabCloud;
import java.util.List;

/** ELBv2: the load balancers the lab reports (none until its NLB part creates them). */
public final class Elbv2Api implements ServiceApi {

    private static final String XMLNS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final List<String> SUPPORTED = List.of("DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners");
    private final LabCloud cloud;

    public Elbv2Api(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "elasticloadbalancing";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        String action = request.form().getOrDefault("Action", "");
        return switch (action) {
            case "DescribeLoadBalancers" -> QueryResponse.of(action, XMLNS, xml -> {
                xml.open("LoadBalancers");
                for (LabCloud.LoadBalancer lb : cloud.loadBalancers()) {
                    xml.open("member").el("LoadBalancerArn", lb.arn()).el("DNSName", lb.dnsName())
                            .el("CanonicalHostedZoneId", "Z26RNL4JYFTOTI").el("CreatedTime", lb.created())
                            .el("LoadBalancerName", lb.name()).el("Scheme", lb.scheme()).el("VpcId", lb.vpcId())
                            .open("State").el("Code", lb.state()).close("State").el("Type", lb.type()).open("AvailabilityZones");
                    lb.zones().forEach(z -> xml.open("member").el("ZoneName", z).close("member"));
                    xml.close("AvailabilityZones").el("IpAddressType", "ipv4").close("member");
                }
                xml.close("LoadBalancers");
            });
            case "DescribeTargetGroups" -> QueryResponse.of(action, XMLNS, xml -> xml.open("TargetGroups").close("TargetGroups"));
            case "DescribeListeners" -> QueryResponse.of(action, XMLNS, xml -> xml.open("Listeners").close("Listeners"));
            default -> Unsupported.call(AwsErrors.Shape.QUERY, "ELBv2", action, SUPPORTED);
        };
    }
}
