package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.localaws.state.LabCloud.RecordSet;
import io.labbench.locallab.dns.ResolverRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The VPC resolver's view of the lab's AWS state: load balancer names, Route 53 records, aliases, the change signal. */
class LabCloudNamesTest {

    private static final String LB = "k8s-default-svcnlb-0a1b2c3d4e-0123456789abcdef.elb.us-east-1.amazonaws.com";

    @Test
    void loadBalancersAndZoneRecordsBecomeResolverRecordsWithAliasesFlattenedToTheTargetsAddresses() {
        WritableLabCloud cloud = new WritableLabCloud();
        cloud.loadBalancer(LB, List.of("172.30.33.200", "172.30.65.200"));
        cloud.zone("mydomain.test.", List.of(new RecordSet("nginx.mydomain.test.", "A", 60, List.of("dualstack." + LB + ".")),
                new RecordSet("www.mydomain.test.", "CNAME", 300, List.of(LB)),
                new RecordSet("nginx.mydomain.test.", "TXT", 300, List.of("\"heritage=external-dns\"")),
                new RecordSet("fixed.mydomain.test.", "A", 300, List.of("198.51.100.7")),
                new RecordSet("mydomain.test.", "NS", 172800, List.of("ns-1.awsdns-00.com."))));
        assertThat(cloud.names().records()).containsExactlyInAnyOrder(
                new ResolverRecord.A(LB, "172.30.33.200"), new ResolverRecord.A(LB, "172.30.65.200"),
                new ResolverRecord.A("nginx.mydomain.test", "172.30.33.200"), new ResolverRecord.A("nginx.mydomain.test", "172.30.65.200"),
                new ResolverRecord.Cname("www.mydomain.test", LB), new ResolverRecord.Txt("nginx.mydomain.test", "heritage=external-dns"),
                new ResolverRecord.A("fixed.mydomain.test", "198.51.100.7"));
    }

    @Test
    void aProvisioningLoadBalancersNameAndAnAliasToItAnswerNothingUntilItIsActive() {
        WritableLabCloud cloud = new WritableLabCloud();
        cloud.loadBalancer(LB, List.of("172.30.33.200"), "provisioning");
        cloud.zone("mydomain.test.", List.of(new RecordSet("nginx.mydomain.test.", "A", 60, List.of("dualstack." + LB + "."))));
        assertThat(cloud.names().records()).as("while provisioning: dig $NLB and dig nginx.mydomain.test answer nothing, as on AWS")
                .isEmpty();
        cloud.loadBalancer(LB, List.of("172.30.33.200"), "active");
        assertThat(cloud.names().records()).containsExactlyInAnyOrder(new ResolverRecord.A(LB, "172.30.33.200"),
                new ResolverRecord.A("nginx.mydomain.test", "172.30.33.200"));
    }

    @Test
    void aWriterSignalReachesTheResolversListener() {
        WritableLabCloud cloud = new WritableLabCloud();
        AtomicInteger heard = new AtomicInteger();
        cloud.names().onChange(heard::incrementAndGet);
        cloud.changed();
        assertThat(heard).hasValue(1);
    }
}
