package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names in the controller's shape: {@code k8s-<ns 8>-<svc 8>-<10 hex>}, ARNs and DNS names in AWS's. */
class NlbNamesTest {

    @Test
    void loadBalancerNameTakesEightLettersOfNamespaceAndServiceAndTenHexOfTheHash() {
        String name = NlbNames.loadBalancerName("mycluster.example.com", "default", "svc-nlb-ip-type", "uid-1", "internet-facing");
        assertThat(name).matches("k8s-default-svcnlbip-[0-9a-f]{10}");
        assertThat(name).endsWith(NlbNames.sha256("mycluster.example.com", "uid-1", "internet-facing").substring(0, 10));
        // another scheme is another load balancer, as the controller replaces an NLB when the scheme changes
        assertThat(NlbNames.loadBalancerName("mycluster.example.com", "default", "svc-nlb-ip-type", "uid-1", "internal")).isNotEqualTo(name);
        assertThat(name.length()).isLessThanOrEqualTo(32);
    }

    @Test
    void dnsNameAndArnsHaveAwsShapes() {
        String name = "k8s-default-svcnlbip-0123456789";
        assertThat(NlbNames.dnsName(name, "123456789012")).matches(name + "-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com");
        assertThat(NlbNames.loadBalancerArn("123456789012", name))
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/" + name + "/[0-9a-f]{16}");
        assertThat(NlbNames.targetGroupArn("123456789012", name))
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + name + "/[0-9a-f]{16}");
        assertThat(NlbNames.listenerArn("123456789012", name, 443))
                .matches("arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/" + name + "/[0-9a-f]{16}/[0-9a-f]{16}");
    }
}
