package io.labbench.locallab.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The parts of the lab's AWS that outlive a re-roll, as they outlive a cluster on AWS: the Route 53
 * zones with their records ({@code route53.json}) and the ACM certificates ({@code acm.json}, without
 * keys: a restored ISSUED certificate is issued again by the new lab's CA). Both files live in the lab's
 * state folder ({@code <state>/<prefix>-aws-state}), are replaced whole on every change
 * ({@link AtomicFileWriter}), and are read when the next lab's AWS starts.
 *
 * <p>A file that cannot be read is moved aside ({@code route53.json.unreadable}) with a warning naming
 * it, the line and what was expected, and the lab starts without what it held rather than not at all.
 */
final class SavedAwsState {

    private static final Logger LOG = Logger.getLogger(SavedAwsState.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    SavedAwsState(Path dir) {
        this.dir = dir;
    }

    Path route53File() {
        return dir.resolve("route53.json");
    }

    Path acmFile() {
        return dir.resolve("acm.json");
    }

    /** Zones first (ACM's validations look for their records), then certificates. */
    void restore(Route53Zones zones, AcmCertificates acm) {
        read(route53File()).ifPresent(root -> {
            try {
                zones.restore(zonesOf(root));
            } catch (BadFile e) {
                setAside(route53File(), e.getMessage());
            }
        });
        read(acmFile()).ifPresent(root -> {
            try {
                acm.restore(certificatesOf(root));
            } catch (BadFile e) {
                setAside(acmFile(), e.getMessage());
            }
        });
    }

    /** Saves both after each change from now on. */
    void keep(Route53Zones zones, AcmCertificates acm) {
        zones.onChange(applied -> save(route53File(), zonesJson(zones.saved())));
        acm.onChange(() -> save(acmFile(), certificatesJson(acm.saved())));
    }

    private static void save(Path file, ObjectNode root) {
        try {
            AtomicFileWriter.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            LOG.warning(() -> "could not save " + file + " (the lab keeps it in memory; a re-roll would lose it): " + e.getMessage());
        }
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Files.readString(file)));
        } catch (JsonProcessingException e) {
            setAside(file, "line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            LOG.warning(() -> "could not read " + file + ": " + e.getMessage() + "; the lab starts without what it holds");
        }
        return Optional.empty();
    }

    private static void setAside(Path file, String problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            aside = file;
        }
        Path kept = aside;
        LOG.warning(() -> file + " is not a saved lab AWS state (" + problem + "); it was kept as " + kept
                + " and the lab starts without it");
    }

    /** A saved file whose content is JSON but not what the lab wrote. */
    static final class BadFile extends Exception {
        BadFile(String message) {
            super(message);
        }
    }

    static ObjectNode zonesJson(List<Route53Zones.SavedZone> zones) {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ArrayNode list = root.putArray("hostedZones");
        for (Route53Zones.SavedZone z : zones) {
            ObjectNode zone = list.addObject().put("id", z.zoneId()).put("name", z.name()).put("callerReference", z.callerReference())
                    .put("comment", z.comment());
            ArrayNode records = zone.putArray("records");
            for (LabCloud.RecordSet r : z.records()) {
                ObjectNode record = records.addObject().put("name", r.name()).put("type", r.type());
                if (r.alias().isPresent()) {
                    LabCloud.AliasTarget a = r.alias().get();
                    record.putObject("aliasTarget").put("hostedZoneId", a.hostedZoneId()).put("dnsName", a.dnsName())
                            .put("evaluateTargetHealth", a.evaluateTargetHealth());
                } else {
                    record.put("ttl", r.ttl());
                    r.values().forEach(record.putArray("values")::add);
                }
            }
        }
        return root;
    }

    static List<Route53Zones.SavedZone> zonesOf(JsonNode root) throws BadFile {
        List<Route53Zones.SavedZone> zones = new ArrayList<>();
        for (JsonNode z : array(root, "hostedZones")) {
            List<LabCloud.RecordSet> records = new ArrayList<>();
            for (JsonNode r : array(z, "records")) {
                JsonNode alias = r.path("aliasTarget");
                if (alias.isObject()) {
                    records.add(LabCloud.RecordSet.alias(text(r, "name"), text(r, "type"), new LabCloud.AliasTarget(text(alias, "hostedZoneId"),
                            text(alias, "dnsName"), alias.path("evaluateTargetHealth").asBoolean())));
                } else {
                    List<String> values = new ArrayList<>();
                    array(r, "values").forEach(v -> values.add(v.asText()));
                    records.add(new LabCloud.RecordSet(text(r, "name"), text(r, "type"), r.path("ttl").asLong(300), values));
                }
            }
            zones.add(new Route53Zones.SavedZone(text(z, "id"), text(z, "name"), text(z, "callerReference"), z.path("comment").asText(""), records));
        }
        return zones;
    }

    static ObjectNode certificatesJson(List<AcmCertificates.SavedCertificate> certificates) {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        ArrayNode list = root.putArray("certificates");
        for (AcmCertificates.SavedCertificate c : certificates) {
            ObjectNode cert = list.addObject().put("arn", c.arn()).put("domainName", c.domainName()).put("status", c.status())
                    .put("createdAt", c.createdAt().toString());
            c.subjectAlternativeNames().forEach(cert.putArray("subjectAlternativeNames")::add);
            ArrayNode validations = cert.putArray("validations");
            for (AcmCertificates.Validation v : c.validations()) {
                validations.addObject().put("domainName", v.domainName()).put("validationDomain", v.validationDomain())
                        .put("recordName", v.recordName()).put("recordValue", v.recordValue()).put("status", v.status());
            }
        }
        return root;
    }

    static List<AcmCertificates.SavedCertificate> certificatesOf(JsonNode root) throws BadFile {
        List<AcmCertificates.SavedCertificate> certificates = new ArrayList<>();
        for (JsonNode c : array(root, "certificates")) {
            List<String> names = new ArrayList<>();
            array(c, "subjectAlternativeNames").forEach(n -> names.add(n.asText()));
            List<AcmCertificates.Validation> validations = new ArrayList<>();
            for (JsonNode v : array(c, "validations")) {
                validations.add(new AcmCertificates.Validation(text(v, "domainName"), text(v, "validationDomain"), text(v, "recordName"),
                        text(v, "recordValue"), text(v, "status")));
            }
            Instant created;
            try {
                created = Instant.parse(text(c, "createdAt"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new BadFile("certificate " + c.path("arn").asText() + ": createdAt is not an ISO-8601 instant: " + c.path("createdAt").asText());
            }
            certificates.add(new AcmCertificates.SavedCertificate(text(c, "arn"), text(c, "domainName"), names, text(c, "status"),
                    created, validations));
        }
        return certificates;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) throws BadFile {
        JsonNode a = node.path(field);
        if (!a.isArray()) {
            throw new BadFile("expected an array \"" + field + "\" in " + describe(node));
        }
        return a;
    }

    private static String text(JsonNode node, String field) throws BadFile {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new BadFile("expected a text \"" + field + "\" in " + describe(node));
        }
        return v.asText();
    }

    private static String describe(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
