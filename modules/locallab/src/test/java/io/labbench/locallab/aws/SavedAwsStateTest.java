package io.labbench.locallab.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.inet.LabCa;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-roll builds the lab's AWS anew: the learner's Route 53 zones and records and the ACM certificates
 * must still be there afterwards (kept in the lab's state folder), the certificates ISSUED under the same
 * ARN and signed by the new lab's CA, and no private key on disk.
 */
class SavedAwsStateTest {

    @TempDir
    Path state;

    private LabCa ca(String dir) throws Exception {
        return LabCa.create(state.resolve(dir), List.of("stand-in.test"));
    }

    private LabCloudView lab(LabSettings settings, LabCa ca) throws Exception {
        KopsClusterState kops = new KopsClusterState(settings, settings.topology(), "s3://bucket", Instant.parse("2026-12-07T01:00:00Z"),
                state.resolve("kops"));
        return new LabCloudView(settings, settings.topology(), Optional::empty, kops, Instant.parse("2026-12-07T01:00:00Z"), ca);
    }

    private static Route53Zones.Change upsert(LabCloud.RecordSet r) {
        return new Route53Zones.Change(Route53Zones.Action.UPSERT, r);
    }

    @Test
    void zonesRecordsAndCertificatesSurviveAReRollAndTheCertificateIsReissuedByTheNewCa() throws Exception {
        LabSettings settings = TestLabs.settings(state);
        LabCloudView first = lab(settings, ca("ca-1"));
        String domain = "websrv." + settings.clusterName();
        LabCloud.HostedZone own = first.route53().create("learner.example.test", "ref-1", "my own domain");
        first.route53().change(own.zoneId(), "", List.of(upsert(new LabCloud.RecordSet("www.learner.example.test", "A", 300, List.of("172.30.40.7")))));
        String clusterZone = first.clusterZoneId();
        first.route53().change(clusterZone, "", List.of(upsert(LabCloud.RecordSet.alias(domain, "A",
                new LabCloud.AliasTarget("Z26RNL4JYFTOTI", "k8s-default-svc-0123456789-0011223344556677.elb.us-east-1.amazonaws.com", true)))));
        AcmCertificates.Certificate requested = first.acm().request(domain, List.of(), "tok");
        AcmCertificates.Validation v = requested.validations().get(0);
        first.route53().change(clusterZone, "", List.of(upsert(new LabCloud.RecordSet(v.recordName(), "CNAME", 300, List.of(v.recordValue())))));
        AcmCertificates.Certificate issued = first.acm().find(requested.arn()).orElseThrow();
        assertThat(issued.status()).isEqualTo("ISSUED");
        List<LabCloud.HostedZone> zonesBefore = first.route53().zones();

        Path dir = LabCloudView.savedStateDir(settings);
        assertThat(Files.readString(dir.resolve("route53.json"))).contains("learner.example.test.").contains("aliasTarget");
        String acmFile = Files.readString(dir.resolve("acm.json"));
        assertThat(acmFile).contains(requested.arn()).contains("ISSUED").doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE");

        LabCa newCa = ca("ca-2");
        LabCloudView second = lab(settings, newCa); // the re-rolled lab: new CA, state read back
        assertThat(second.route53().zones().stream().map(SavedAwsStateTest::unordered).toList())
                .containsExactlyInAnyOrderElementsOf(zonesBefore.stream().map(SavedAwsStateTest::unordered).toList());
        AcmCertificates.Certificate again = second.acm().find(requested.arn()).orElseThrow();
        assertThat(again.status()).isEqualTo("ISSUED");
        assertThat(again.domainName()).isEqualTo(domain);
        assertThat(again.inUseBy()).isEmpty();
        X509Certificate leaf = pem(again.issued().orElseThrow().certificatePem());
        leaf.verify(pem(Files.readString(newCa.caCertificate())).getPublicKey());
        assertThat(leaf.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo(domain));
        assertThat(again.issued().orElseThrow().certificatePem()).isNotEqualTo(issued.issued().orElseThrow().certificatePem());
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheLabStartsWithItsOwnZoneOnly() throws Exception {
        LabSettings settings = TestLabs.settings(state);
        Path dir = Files.createDirectories(LabCloudView.savedStateDir(settings));
        Files.writeString(dir.resolve("route53.json"), "{\"version\": 1, \"hostedZones\": [\n  {\"id\": \"Z0X\", \"name\": ");
        Files.writeString(dir.resolve("acm.json"), "{\"version\": 1, \"certificates\": {}}\n");
        LabCloudView lab = lab(settings, ca("ca"));
        assertThat(lab.route53().zones()).extracting(LabCloud.HostedZone::zoneId).containsExactly(lab.clusterZoneId());
        assertThat(lab.acm().list()).isEmpty();
        assertThat(dir.resolve("route53.json.unreadable")).exists();
        assertThat(dir.resolve("acm.json.unreadable")).exists();
    }

    /** A zone's id, name and record sets, whatever their order (Route 53 sorts them when it lists them). */
    private static List<Object> unordered(LabCloud.HostedZone zone) {
        return List.of(zone.zoneId(), zone.name(), java.util.Set.copyOf(zone.records()));
    }

    private static X509Certificate pem(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    }
}
