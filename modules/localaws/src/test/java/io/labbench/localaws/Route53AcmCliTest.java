package io.labbench.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's Route 53 and ACM commands with the real AWS CLI (Debian's {@code awscli}) against the
 * endpoint: the learner's zone, record changes and their refusals, a DNS-validated certificate that
 * turns ISSUED when its CNAME is written.
 */
class Route53AcmCliTest {

    private static final Path CLI = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SampleCloud cloud = new SampleCloud();
    private final LabCredentials credentials = LabCredentials.generate();
    private LocalAwsEndpoint endpoint;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CLI), "the AWS CLI (Debian awscli) is not installed");
        endpoint = LocalAwsEndpoint.start(cloud, credentials);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run aws(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(CLI.toString(), "--endpoint-url", endpoint.uri().toString(), "--region", "us-east-1",
                "--output", "json"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Path batch(String json) throws Exception {
        Path f = Files.createTempFile(dir, "batch", ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void learnersZoneTakesRecordsAndRefusesBadBatchesLikeRoute53() throws Exception {
        Run created = aws("route53", "create-hosted-zone", "--name", "mylab.test", "--caller-reference", "ref-1");
        assertThat(created.exit()).as(created.err()).isZero();
        String zoneId = created.json().path("HostedZone").path("Id").asText();
        assertThat(zoneId).startsWith("/hostedzone/Z0");
        assertThat(created.json().path("DelegationSet").path("NameServers")).hasSize(2);

        // the study's look-up of its zone ID
        Run byName = aws("route53", "list-hosted-zones-by-name", "--dns-name", "mylab.test.", "--query", "HostedZones[0].Id", "--output", "text");
        assertThat(byName.out().trim()).isEqualTo(zoneId);

        Run changed = aws("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", "file://" + batch("""
                {"Comment": "web", "Changes": [
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "web.mylab.test", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "203.0.113.10"}]}},
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "web.mylab.test", "Type": "TXT", "TTL": 300,
                    "ResourceRecords": [{"Value": "\\"heritage=external-dns\\""}]}},
                  {"Action": "UPSERT", "ResourceRecordSet": {"Name": "nlb.mylab.test", "Type": "A",
                    "AliasTarget": {"HostedZoneId": "Z26RNL4JYFTOTI", "DNSName": "k8s-default-svc-0123456789.elb.us-east-1.amazonaws.com",
                      "EvaluateTargetHealth": true}}}
                ]}"""));
        assertThat(changed.exit()).as(changed.err()).isZero();
        String changeId = changed.json().path("ChangeInfo").path("Id").asText();
        assertThat(changed.json().path("ChangeInfo").path("Status").asText()).isEqualTo("PENDING");
        assertThat(aws("route53", "get-change", "--id", changeId).json().path("ChangeInfo").path("Status").asText()).isEqualTo("INSYNC");

        Run aRecords = aws("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId, "--query", "ResourceRecordSets[?Type == 'A']");
        JsonNode a = aRecords.json();
        assertThat(a).hasSize(2);
        assertThat(a.get(0).path("Name").asText()).isEqualTo("nlb.mylab.test.");
        assertThat(a.get(0).path("AliasTarget").path("DNSName").asText()).isEqualTo("k8s-default-svc-0123456789.elb.us-east-1.amazonaws.com.");
        assertThat(a.get(1).path("ResourceRecords").get(0).path("Value").asText()).isEqualTo("203.0.113.10");

        Run again = aws("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", "file://" + batch("""
                {"Changes": [{"Action": "CREATE", "ResourceRecordSet": {"Name": "web.mylab.test", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "203.0.113.11"}]}},
                  {"Action": "DELETE", "ResourceRecordSet": {"Name": "gone.mylab.test", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "203.0.113.12"}]}}]}"""));
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("(InvalidChangeBatch)", "ChangeResourceRecordSets",
                "Tried to create resource record set [name='web.mylab.test.', type='A'] but it already exists",
                "Tried to delete resource record set [name='gone.mylab.test.', type='A'] but it was not found");
        // nothing of a refused batch is applied
        assertThat(cloud.route53().zone(zoneId.substring("/hostedzone/".length())).orElseThrow().records()).hasSize(3);

        Run outside = aws("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", "file://" + batch("""
                {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": "www.example.com", "Type": "A", "TTL": 60,
                    "ResourceRecords": [{"Value": "203.0.113.13"}]}}]}"""));
        assertThat(outside.err()).contains("RRSet with DNS name www.example.com. is not permitted in zone mylab.test.");

        Run delete = aws("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", "file://" + batch("""
                {"Changes": [{"Action": "DELETE", "ResourceRecordSet": {"Name": "web.mylab.test", "Type": "A", "TTL": 300,
                    "ResourceRecords": [{"Value": "203.0.113.10"}]}}]}"""));
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(aws("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId, "--query", "ResourceRecordSets[?Type == 'A'].Name",
                "--output", "text").out().trim()).isEqualTo("nlb.mylab.test.");
    }

    @Test
    void certificateIsIssuedByTheLabCaOnceItsValidationRecordIsInTheZone() throws Exception {
        Run requested = aws("acm", "request-certificate", "--domain-name", "websrv.labbench.test", "--subject-alternative-names",
                "*.websrv.labbench.test", "--validation-method", "DNS");
        assertThat(requested.exit()).as(requested.err()).isZero();
        String arn = requested.json().path("CertificateArn").asText();
        assertThat(arn).matches("arn:aws:acm:us-east-1:123456789012:certificate/[0-9a-f-]{36}");

        JsonNode pending = aws("acm", "describe-certificate", "--certificate-arn", arn).json().path("Certificate");
        assertThat(pending.path("Status").asText()).isEqualTo("PENDING_VALIDATION");
        JsonNode record = pending.path("DomainValidationOptions").get(0).path("ResourceRecord");
        assertThat(record.path("Type").asText()).isEqualTo("CNAME");
        assertThat(record.path("Name").asText()).matches("_[0-9a-f]{32}\\.websrv\\.labbench\\.test\\.");
        assertThat(record.path("Value").asText()).endsWith(".acm-validations.aws.");
        // the wildcard is validated by the same record
        assertThat(pending.path("DomainValidationOptions").get(1).path("ResourceRecord").path("Name").asText()).isEqualTo(record.path("Name").asText());
        Run early = aws("acm", "get-certificate", "--certificate-arn", arn);
        assertThat(early.err()).contains("RequestInProgressException");

        Run written = aws("route53", "change-resource-record-sets", "--hosted-zone-id", "Z0LAB00000000000000", "--change-batch", "file://" + batch("""
                {"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": "%s", "Type": "CNAME", "TTL": 300,
                    "ResourceRecords": [{"Value": "%s"}]}}]}""".formatted(record.path("Name").asText(), record.path("Value").asText())));
        assertThat(written.exit()).as(written.err()).isZero();

        // the study's lines
        assertThat(aws("acm", "list-certificates", "--query", "CertificateSummaryList[].CertificateArn[]", "--output", "text").out().trim())
                .isEqualTo(arn);
        JsonNode issued = aws("acm", "describe-certificate", "--certificate-arn", arn).json().path("Certificate");
        assertThat(issued.path("Status").asText()).isEqualTo("ISSUED");
        assertThat(issued.path("DomainValidationOptions").get(0).path("ValidationStatus").asText()).isEqualTo("SUCCESS");
        assertThat(aws("acm", "list-certificates", "--max-items", "10").json().path("CertificateSummaryList").get(0).path("Status").asText())
                .isEqualTo("ISSUED");

        JsonNode pem = aws("acm", "get-certificate", "--certificate-arn", arn).json();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate cert = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(pem.path("Certificate").asText().getBytes(StandardCharsets.UTF_8)));
        X509Certificate ca = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(pem.path("CertificateChain").asText().getBytes(StandardCharsets.UTF_8)));
        cert.verify(ca.getPublicKey());
        assertThat(cert.getSubjectAlternativeNames().stream().map(l -> (Object) l.get(1)).toList()).containsExactly((Object) "websrv.labbench.test", "*.websrv.labbench.test");
        assertThat(pem.toString()).doesNotContain("PRIVATE KEY");
        // the lab's NLB reads the key through the state, never through the API
        assertThat(cloud.acm().find(arn).orElseThrow().issued().orElseThrow().privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");

        Run unknown = aws("acm", "describe-certificate", "--certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.err()).contains("(ResourceNotFoundException)");
    }
}
