package io.labbench.aws.dns;

import static io.labbench.aws.testing.FakeAwsEndpoint.json;
import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.aws.testing.FakeAwsEndpoint;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostedZoneRecordsTest {

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void findsTheZoneAndListsWhatExternalDnsWrote() throws Exception {
        aws.on("GET /2013-04-01/hostedzonesbyname", xml(resource("route53-list-hosted-zones-by-name.xml")));
        aws.on("GET /2013-04-01/hostedzone/Z2LD58HEXAMPLE/rrset", xml(resource("route53-list-resource-record-sets.xml")));
        HostedZoneRecords route53 = new HostedZoneRecords(clients.route53());

        String zone = route53.zoneId("learn-dc.link");
        List<DnsRecord> records = route53.records(zone);

        assertThat(zone).isEqualTo("Z2LD58HEXAMPLE");
        assertThat(aws.requests("GET /2013-04-01/hostedzonesbyname").get(0).path()).contains("dnsname=learn-dc.link.");
        assertThat(records).extracting(DnsRecord::type).containsExactly("A", "TXT");
        assertThat(records.get(0).aliasTarget()).startsWith("k8s-default-svcnlbip-");
        assertThat(records.get(1).values().get(0)).contains("external-dns/owner=default");
    }

    @Test
    void aMissingZoneSaysWhatToCheck() {
        aws.on("GET /2013-04-01/hostedzonesbyname", xml(resource("route53-list-hosted-zones-by-name.xml")));
        assertThatThrownBy(() -> new HostedZoneRecords(clients.route53()).zoneId("other-domain.com"))
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.NOT_FOUND);
                    assertThat(f.problem().summary()).contains("other-domain.com.");
                });
    }

    @Test
    void listsAcmCertificates() throws Exception {
        aws.on("CertificateManager.ListCertificates", json("{\"CertificateSummaryList\":[{\"CertificateArn\":"
                + "\"arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\","
                + "\"DomainName\":\"*.learn-dc.link\",\"Status\":\"ISSUED\"}]}"));
        List<Certificates.Certificate> certificates = new Certificates(clients.acm()).list();
        assertThat(certificates).singleElement().satisfies(c -> {
            assertThat(c.domainName()).isEqualTo("*.learn-dc.link");
            assertThat(c.status()).isEqualTo("ISSUED");
            assertThat(c.arn()).endsWith("123456789012");
        });
    }

    @Test
    void resolvesLikeDigShort() {
        assertThat(HostedZoneRecords.resolve("localhost")).isNotEmpty();
        assertThat(HostedZoneRecords.resolve("no-such-name.invalid")).isEmpty();
    }
}
