package io.labbench.localaws.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The zones' rules that the CLI test does not reach: listeners, the zone a name belongs to, CNAME clashes, ACM's wildcard. */
class Route53ZonesTest {

    private final Route53Zones zones = new Route53Zones();

    private static Route53Zones.Change create(String name, String type, String value) {
        return new Route53Zones.Change(Route53Zones.Action.CREATE, new LabCloud.RecordSet(name, type, 300, List.of(value)));
    }

    @Test
    void listenersHearAppliedBatchesOnlyAndTheLongestZoneOwnsAName() throws Exception {
        LabCloud.HostedZone parent = zones.add("Z0PARENT", "labbench.test", List.of());
        LabCloud.HostedZone child = zones.create("pkos.labbench.test", "ref", "");
        List<Route53Zones.AppliedChange> heard = new ArrayList<>();
        zones.onChange(heard::add);

        assertThat(zones.zoneFor("web.pkos.labbench.test").orElseThrow().zoneId()).isEqualTo(child.zoneId());
        assertThat(zones.zoneFor("WEB.labbench.test.").orElseThrow().zoneId()).isEqualTo(parent.zoneId());
        assertThat(zones.zoneFor("example.com")).isEmpty();

        zones.change(child.zoneId(), "", List.of(create("web.pkos.labbench.test", "A", "203.0.113.7")));
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).zone().records()).extracting(LabCloud.RecordSet::name).containsExactly("web.pkos.labbench.test.");

        assertThatThrownBy(() -> zones.change(child.zoneId(), "", List.of(create("web.pkos.labbench.test", "CNAME", "other.example."))))
                .isInstanceOf(Route53Zones.InvalidChangeBatch.class)
                .hasMessageContaining("RRSet of type CNAME with DNS name web.pkos.labbench.test. is not permitted as it conflicts with other records");
        assertThat(heard).hasSize(1);
        assertThatThrownBy(() -> zones.delete(child.zoneId())).hasMessageStartingWith("HostedZoneNotEmpty:");
    }

    @Test
    void aWildcardAndItsBaseShareOneValidationRecordAndTheZoneChangeIssues() throws Exception {
        zones.add("Z0LAB", "labbench.test", List.of());
        AtomicInteger issued = new AtomicInteger();
        AcmCertificates acm = new AcmCertificates("123456789012", "us-east-1", names -> {
            issued.incrementAndGet();
            return new CertificateIssuer.Issued("cert", "chain", "key", "01", "EC-prime256v1", "SHA256WITHECDSA", "test",
                    java.time.Instant.now(), java.time.Instant.now().plusSeconds(60));
        }, zones, java.time.Clock.systemUTC());
        AcmCertificates.Certificate c = acm.request("*.web.labbench.test", List.of("web.labbench.test"), "");
        assertThat(c.status()).isEqualTo("PENDING_VALIDATION");
        assertThat(c.validations()).extracting(AcmCertificates.Validation::recordName).containsOnly(c.validations().get(0).recordName());
        assertThat(issued).hasValue(0);

        AcmCertificates.Validation v = c.validations().get(0);
        zones.change("Z0LAB", "", List.of(create(v.recordName(), "CNAME", v.recordValue())));
        // the zone's listener issued it; no read was needed
        assertThat(issued).hasValue(1);
        assertThat(acm.find(c.arn()).orElseThrow().status()).isEqualTo("ISSUED");
        assertThat(acm.find(c.arn()).orElseThrow().toString()).doesNotContain("key");
        assertThatThrownBy(() -> acm.request("not a name", List.of(), "")).hasMessageStartingWith("ValidationException:");
    }
}
