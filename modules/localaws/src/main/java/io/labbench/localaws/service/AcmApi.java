package io.labbench.localaws.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.localaws.state.LabCloud;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ACM over JSON 1.1 ({@code X-Amz-Target: CertificateManager.RequestCertificate}): DNS-validated
 * certificates that the lab's CA issues once the validation CNAME is in one of the lab's Route 53 zones.
 * {@code GetCertificate} returns the certificate and chain, never the key (as ACM).
 */
public final class AcmApi implements ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUPPORTED = List.of("RequestCertificate", "ListCertificates", "DescribeCertificate",
            "GetCertificate", "DeleteCertificate", "ListTagsForCertificate");
    private final LabCloud cloud;

    public AcmApi(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "acm";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        String target = request.header("x-amz-target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode body;
        try {
            body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return error("SerializationException", "the request body is not JSON: " + e.getMessage());
        }
        AcmCertificates acm = cloud.acm();
        try {
            return switch (operation) {
                case "RequestCertificate" -> request(acm, body);
                case "ListCertificates" -> list(acm, body);
                case "DescribeCertificate" -> {
                    AcmCertificates.Certificate c = find(acm, body);
                    ObjectNode root = JSON.createObjectNode();
                    describe(root.putObject("Certificate"), c);
                    yield AwsReply.json(root.toString());
                }
                case "GetCertificate" -> {
                    AcmCertificates.Certificate c = find(acm, body);
                    if (c.issued().isEmpty()) {
                        yield error("RequestInProgressException", "Certificate " + c.arn() + " is not yet issued (status "
                                + c.status() + "): its DNS validation record is not in the zone yet.");
                    }
                    ObjectNode root = JSON.createObjectNode();
                    root.put("Certificate", c.issued().get().certificatePem()).put("CertificateChain", c.issued().get().chainPem());
                    yield AwsReply.json(root.toString());
                }
                case "DeleteCertificate" -> {
                    AcmCertificates.Certificate c = find(acm, body);
                    acm.delete(c.arn());
                    yield AwsReply.json("{}");
                }
                case "ListTagsForCertificate" -> {
                    find(acm, body);
                    yield AwsReply.json("{\"Tags\":[]}");
                }
                default -> Unsupported.call(AwsErrors.Shape.JSON, "ACM", operation, SUPPORTED);
            };
        } catch (NotFound e) {
            return e.reply;
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            return colon > 0 ? error(message.substring(0, colon), message.substring(colon + 2)) : error("ValidationException", message);
        }
    }

    private static final class NotFound extends RuntimeException {
        final transient AwsReply reply;

        NotFound(AwsReply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private static AwsReply error(String code, String message) {
        return AwsErrors.error(AwsErrors.Shape.JSON, 400, code, message);
    }

    private static AcmCertificates.Certificate find(AcmCertificates acm, JsonNode body) {
        String arn = body.path("CertificateArn").asText("");
        if (!arn.matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+")) {
            throw new NotFound(error("ValidationException", "1 validation error detected: Value '" + arn
                    + "' at 'certificateArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:acm:[\\w+=/,.@-]*:[0-9]+:[\\w+=,.@-]+(/[\\w+=,.@-]+)*"));
        }
        Optional<AcmCertificates.Certificate> c = acm.find(arn);
        return c.orElseThrow(() -> new NotFound(error("ResourceNotFoundException", "Could not find certificate " + arn + ".")));
    }

    private static AwsReply request(AcmCertificates acm, JsonNode body) {
        String domain = body.path("DomainName").asText("");
        if (domain.isEmpty()) {
            return error("ValidationException", "1 validation error detected: Value null at 'domainName' failed to satisfy constraint: Member must not be null");
        }
        String method = body.path("ValidationMethod").asText("DNS");
        if (!method.equals("DNS")) {
            return error("InvalidParameterException", "The local lab's ACM validates by DNS only (the validation CNAME goes into the lab's Route 53 zone); "
                    + "request with --validation-method DNS.");
        }
        List<String> sans = new ArrayList<>();
        body.path("SubjectAlternativeNames").forEach(n -> sans.add(n.asText()));
        AcmCertificates.Certificate c = acm.request(domain, sans, body.path("IdempotencyToken").asText(""));
        return AwsReply.json(JSON.createObjectNode().put("CertificateArn", c.arn()).toString());
    }

    private static AwsReply list(AcmCertificates acm, JsonNode body) {
        List<String> statuses = new ArrayList<>();
        body.path("CertificateStatuses").forEach(s -> statuses.add(s.asText()));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("CertificateSummaryList");
        for (AcmCertificates.Certificate c : acm.list()) {
            if (!statuses.isEmpty() && !statuses.contains(c.status())) {
                continue;
            }
            ObjectNode s = list.addObject().put("CertificateArn", c.arn()).put("DomainName", c.domainName());
            ArrayNode sans = s.putArray("SubjectAlternativeNameSummaries");
            c.subjectAlternativeNames().forEach(sans::add);
            s.put("HasAdditionalSubjectAlternativeNames", false).put("Status", c.status()).put("Type", "AMAZON_ISSUED")
                    .put("KeyAlgorithm", c.issued().map(CertificateIssuer.Issued::keyAlgorithm).orElse("RSA-2048"));
            if (c.issued().isPresent()) {
                keyUsages(s);
            }
            s.put("InUse", !c.inUseBy().isEmpty()).put("RenewalEligibility", "INELIGIBLE");
            c.issued().ifPresent(i -> s.put("NotBefore", seconds(i.notBefore())).put("NotAfter", seconds(i.notAfter())));
            s.put("CreatedAt", seconds(c.createdAt()));
            c.issuedAt().ifPresent(t -> s.put("IssuedAt", seconds(t)));
        }
        return AwsReply.json(root.toString());
    }

    private static void describe(ObjectNode d, AcmCertificates.Certificate c) {
        d.put("CertificateArn", c.arn()).put("DomainName", c.domainName());
        ArrayNode sans = d.putArray("SubjectAlternativeNames");
        c.subjectAlternativeNames().forEach(sans::add);
        ArrayNode options = d.putArray("DomainValidationOptions");
        for (AcmCertificates.Validation v : c.validations()) {
            ObjectNode o = options.addObject().put("DomainName", v.domainName()).put("ValidationDomain", v.validationDomain())
                    .put("ValidationStatus", v.status());
            o.putObject("ResourceRecord").put("Name", v.recordName()).put("Type", "CNAME").put("Value", v.recordValue());
            o.put("ValidationMethod", "DNS");
        }
        c.issued().ifPresent(i -> d.put("Serial", i.serial()));
        d.put("Subject", "CN=" + c.domainName());
        c.issued().ifPresent(i -> d.put("Issuer", i.issuer()));
        d.put("CreatedAt", seconds(c.createdAt()));
        c.issuedAt().ifPresent(t -> d.put("IssuedAt", seconds(t)));
        d.put("Status", c.status());
        c.issued().ifPresent(i -> d.put("NotBefore", seconds(i.notBefore())).put("NotAfter", seconds(i.notAfter()))
                .put("KeyAlgorithm", i.keyAlgorithm()).put("SignatureAlgorithm", i.signatureAlgorithm()));
        if (c.issued().isEmpty()) {
            d.put("KeyAlgorithm", "RSA-2048");
        }
        ArrayNode inUse = d.putArray("InUseBy");
        c.inUseBy().forEach(inUse::add);
        if (c.status().equals("FAILED")) {
            d.put("FailureReason", "OTHER");
        }
        d.put("Type", "AMAZON_ISSUED");
        if (c.issued().isPresent()) {
            keyUsages(d);
        } else {
            d.putArray("KeyUsages");
            d.putArray("ExtendedKeyUsages");
        }
        d.put("RenewalEligibility", "INELIGIBLE");
        d.putObject("Options").put("CertificateTransparencyLoggingPreference", "ENABLED");
    }

    private static void keyUsages(ObjectNode o) {
        ArrayNode ku = o.putArray("KeyUsages");
        ku.addObject().put("Name", "DIGITAL_SIGNATURE");
        ku.addObject().put("Name", "KEY_ENCIPHERMENT");
        ArrayNode eku = o.putArray("ExtendedKeyUsages");
        eku.addObject().put("Name", "TLS_WEB_SERVER_AUTHENTICATION").put("OID", "1.3.6.1.5.5.7.3.1");
        eku.addObject().put("Name", "TLS_WEB_CLIENT_AUTHENTICATION").put("OID", "1.3.6.1.5.5.7.3.2");
    }

    /** JSON 1.1 timestamps: seconds since the epoch, as a number. */
    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
