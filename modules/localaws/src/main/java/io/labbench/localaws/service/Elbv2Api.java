package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.state.LabCloud;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ELBv2: the lab's load balancers, listeners, target groups and target health as its NLB controller
 * built them, in the XML shapes of the 2015-12-01 API (the AWS CLI and SDK parse them as they would AWS's).
 */
public final class Elbv2Api implements ServiceApi {

    private static final String XMLNS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final List<String> SUPPORTED = List.of("DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners",
            "DescribeTargetHealth");
    /** The hosted zone AWS gives every NLB in us-east-1 (Route 53 alias records point at it). */
    static final String NLB_HOSTED_ZONE_US_EAST_1 = "Z26RNL4JYFTOTI";
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
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        return switch (action) {
            case "DescribeLoadBalancers" -> describeLoadBalancers(form);
            case "DescribeTargetGroups" -> describeTargetGroups(form);
            case "DescribeListeners" -> describeListeners(form);
            case "DescribeTargetHealth" -> describeTargetHealth(form);
            default -> Unsupported.call(AwsErrors.Shape.QUERY, "ELBv2", action, SUPPORTED);
        };
    }

    private AwsReply describeLoadBalancers(Map<String, String> form) {
        List<String> names = Filters.list(form, "Names.member");
        List<String> arns = Filters.list(form, "LoadBalancerArns.member");
        List<LabCloud.LoadBalancer> lbs = cloud.loadBalancers().stream()
                .filter(lb -> names.isEmpty() || names.contains(lb.name()))
                .filter(lb -> arns.isEmpty() || arns.contains(lb.arn())).toList();
        if (!missing(names, lbs, LabCloud.LoadBalancer::name).isEmpty() || !missing(arns, lbs, LabCloud.LoadBalancer::arn).isEmpty()) {
            return notFound("LoadBalancerNotFound", "Load balancers '" + missingText(names, arns, lbs) + "' not found");
        }
        return QueryResponse.of("DescribeLoadBalancers", XMLNS, xml -> {
            xml.open("LoadBalancers");
            for (LabCloud.LoadBalancer lb : lbs) {
                xml.open("member").el("LoadBalancerArn", lb.arn()).el("DNSName", lb.dnsName())
                        .el("CanonicalHostedZoneId", NLB_HOSTED_ZONE_US_EAST_1).el("CreatedTime", lb.created())
                        .el("LoadBalancerName", lb.name()).el("Scheme", lb.scheme()).el("VpcId", lb.vpcId())
                        .open("State").el("Code", lb.state()).close("State").el("Type", lb.type()).open("AvailabilityZones");
                for (LabCloud.ZoneAddress z : lb.zones()) {
                    xml.open("member").el("ZoneName", z.zone()).el("SubnetId", z.subnetId()).open("LoadBalancerAddresses")
                            .open("member").el("PrivateIPv4Address", z.privateIp()).close("member")
                            .close("LoadBalancerAddresses").close("member");
                }
                xml.close("AvailabilityZones").el("IpAddressType", "ipv4").close("member");
            }
            xml.close("LoadBalancers");
        });
    }

    private static String missingText(List<String> names, List<String> arns, List<LabCloud.LoadBalancer> found) {
        List<String> gone = new java.util.ArrayList<>(missing(names, found, LabCloud.LoadBalancer::name));
        gone.addAll(missing(arns, found, LabCloud.LoadBalancer::arn));
        return String.join(", ", gone);
    }

    private static <T> List<String> missing(List<String> asked, List<T> found, Function<T, String> key) {
        List<String> have = found.stream().map(key).toList();
        return asked.stream().filter(a -> !have.contains(a)).toList();
    }

    private AwsReply describeListeners(Map<String, String> form) {
        String lbArn = form.getOrDefault("LoadBalancerArn", "");
        List<String> listenerArns = Filters.list(form, "ListenerArns.member");
        if (!lbArn.isEmpty() && cloud.loadBalancers().stream().noneMatch(lb -> lb.arn().equals(lbArn))) {
            return notFound("LoadBalancerNotFound", "Load balancer '" + lbArn + "' not found");
        }
        List<LabCloud.Listener> listeners = cloud.listeners().stream()
                .filter(l -> lbArn.isEmpty() || l.loadBalancerArn().equals(lbArn))
                .filter(l -> listenerArns.isEmpty() || listenerArns.contains(l.arn())).toList();
        return QueryResponse.of("DescribeListeners", XMLNS, xml -> {
            xml.open("Listeners");
            for (LabCloud.Listener l : listeners) {
                xml.open("member").el("ListenerArn", l.arn()).el("LoadBalancerArn", l.loadBalancerArn())
                        .el("Port", l.port()).el("Protocol", l.protocol());
                if (l.certificateArn().isPresent()) {
                    xml.open("Certificates").open("member").el("CertificateArn", l.certificateArn().get()).close("member")
                            .close("Certificates").el("SslPolicy", "ELBSecurityPolicy-2016-08");
                }
                xml.open("DefaultActions").open("member").el("Type", "forward").el("TargetGroupArn", l.targetGroupArn())
                        .open("ForwardConfig").open("TargetGroups").open("member").el("TargetGroupArn", l.targetGroupArn())
                        .el("Weight", 1).close("member").close("TargetGroups").close("ForwardConfig")
                        .close("member").close("DefaultActions").close("member");
            }
            xml.close("Listeners");
        });
    }

    private AwsReply describeTargetGroups(Map<String, String> form) {
        String lbArn = form.getOrDefault("LoadBalancerArn", "");
        List<String> arns = Filters.list(form, "TargetGroupArns.member");
        List<String> names = Filters.list(form, "Names.member");
        List<LabCloud.TargetGroup> groups = cloud.targetGroups().stream()
                .filter(g -> lbArn.isEmpty() || g.loadBalancerArn().equals(lbArn))
                .filter(g -> arns.isEmpty() || arns.contains(g.arn()))
                .filter(g -> names.isEmpty() || names.contains(g.name())).toList();
        if (!missing(arns, groups, LabCloud.TargetGroup::arn).isEmpty() || !missing(names, groups, LabCloud.TargetGroup::name).isEmpty()) {
            return notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return QueryResponse.of("DescribeTargetGroups", XMLNS, xml -> {
            xml.open("TargetGroups");
            for (LabCloud.TargetGroup g : groups) {
                LabCloud.HealthCheck hc = g.healthCheck();
                xml.open("member").el("TargetGroupArn", g.arn()).el("TargetGroupName", g.name()).el("Protocol", g.protocol())
                        .el("Port", g.port()).el("VpcId", g.vpcId()).el("HealthCheckProtocol", hc.protocol())
                        .el("HealthCheckPort", hc.port()).el("HealthCheckEnabled", true)
                        .el("HealthCheckIntervalSeconds", hc.intervalSeconds()).el("HealthCheckTimeoutSeconds", hc.timeoutSeconds())
                        .el("HealthyThresholdCount", hc.healthyThreshold()).el("UnhealthyThresholdCount", hc.unhealthyThreshold());
                if (!hc.path().isEmpty()) {
                    // AWS names the path and the accepted codes of an HTTP(S) check only (the controller asks 200-399)
                    xml.el("HealthCheckPath", hc.path()).open("Matcher").el("HttpCode", "200-399").close("Matcher");
                }
                xml
                        .open("LoadBalancerArns").el("member", g.loadBalancerArn()).close("LoadBalancerArns")
                        .el("TargetType", g.targetType()).el("IpAddressType", "ipv4").close("member");
            }
            xml.close("TargetGroups");
        });
    }

    private AwsReply describeTargetHealth(Map<String, String> form) {
        String groupArn = form.getOrDefault("TargetGroupArn", "");
        var group = cloud.targetGroups().stream().filter(g -> g.arn().equals(groupArn)).findFirst();
        if (group.isEmpty()) {
            return notFound("TargetGroupNotFound", "Target groups '" + groupArn + "' not found");
        }
        List<LabCloud.TargetHealth> targets = cloud.targetHealth().stream().filter(t -> t.targetGroupArn().equals(groupArn)).toList();
        String hcPort = group.get().healthCheck().port();
        return QueryResponse.of("DescribeTargetHealth", XMLNS, xml -> {
            xml.open("TargetHealthDescriptions");
            for (LabCloud.TargetHealth t : targets) {
                xml.open("member").open("Target").el("Id", t.targetId()).el("Port", t.port());
                if (!t.zone().isEmpty()) {
                    xml.el("AvailabilityZone", t.zone());
                }
                xml.close("Target").el("HealthCheckPort", hcPort.equals("traffic-port") ? Integer.toString(t.port()) : hcPort)
                        .open("TargetHealth").el("State", t.state());
                if (!t.reason().isEmpty()) {
                    xml.el("Reason", t.reason()).el("Description", t.description());
                }
                xml.close("TargetHealth").close("member");
            }
            xml.close("TargetHealthDescriptions");
        });
    }

    private static AwsReply notFound(String code, String message) {
        return AwsErrors.error(AwsErrors.Shape.QUERY, 400, code, message);
    }

}
