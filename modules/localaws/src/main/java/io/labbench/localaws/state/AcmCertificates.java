package io.labbench.localaws.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lab's ACM: certificates requested with DNS validation stay {@code PENDING_VALIDATION} until each
 * name's validation CNAME ({@code _<token>.<name>. CNAME _<token>.<id>.acm-validations.aws.}) is in a
 * Route 53 zone of the lab, then are {@code ISSUED}, signed by the lab's CA. Checked whenever a zone
 * changes and on every read, so a describe right after the record was written already says ISSUED.
 * Thread-safe.
 */
public final class AcmCertificates {

    /** One name's validation: the CNAME to write and whether it has been seen. */
    public record Validation(String domainName, String validationDomain, String recordName, String recordValue, String status) {
    }

    /**
     * A certificate as ACM holds it.
     *
     * @param issued the key and certificate once {@code ISSUED}
     */
    public record Certificate(String arn, String domainName, List<String> subjectAlternativeNames, String status,
                              Instant createdAt, List<Validation> validations, Optional<CertificateIssuer.Issued> issued,
                              List<String> inUseBy) {
        public Optional<Instant> issuedAt() {
            return issued.map(CertificateIssuer.Issued::notBefore);
        }

        @Override
        public String toString() {
            return "Certificate[" + arn + ", " + domainName + ", " + status + "]"; // never the key
        }
    }

    /**
     * A certificate as the lab keeps it between labs: everything but the key and the signed certificate,
     * which {@link #restore} has the lab's CA of the day issue again (a re-rolled lab has a new CA, which
     * its machines trust; the key never reaches the disk).
     */
    public record SavedCertificate(String arn, String domainName, List<String> subjectAlternativeNames, String status,
                                   Instant createdAt, List<Validation> validations) {
        public SavedCertificate {
            subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
            validations = List.copyOf(validations);
        }
    }

    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String accountId;
    private final String region;
    private final CertificateIssuer issuer;
    private final Route53Zones zones;
    private final Clock clock;
    private final Map<String, Certificate> certificates = new LinkedHashMap<>();

    public AcmCertificates(String accountId, String region, CertificateIssuer issuer, Route53Zones zones, Clock clock) {
        this.accountId = accountId;
        this.region = region;
        this.issuer = issuer;
        this.zones = zones;
        this.clock = clock;
        zones.onChange(change -> validate());
    }

    /** Runs {@code listener} after a certificate was requested, issued, deleted or put in use (the lab saves them then). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Every certificate without its key material, for {@link #restore}. */
    public synchronized List<SavedCertificate> saved() {
        return certificates.values().stream().map(c -> new SavedCertificate(c.arn(), c.domainName(), c.subjectAlternativeNames(),
                c.status(), c.createdAt(), c.validations())).toList();
    }

    /**
     * Puts certificates kept by an earlier lab back under their ARNs: an ISSUED one is issued again for the
     * same names by this lab's CA, a pending one waits for its validation record as before. No load balancer
     * uses them yet (the earlier lab's are gone).
     */
    public void restore(List<SavedCertificate> saved) {
        synchronized (this) {
            for (SavedCertificate c : saved) {
                Optional<CertificateIssuer.Issued> issued = Optional.empty();
                String status = c.status();
                if (status.equals("ISSUED")) {
                    try {
                        issued = Optional.of(issuer.issue(c.subjectAlternativeNames()));
                    } catch (RuntimeException e) {
                        status = "FAILED";
                    }
                }
                certificates.put(c.arn(), new Certificate(c.arn(), c.domainName(), c.subjectAlternativeNames(), status, c.createdAt(),
                        c.validations(), issued, List.of()));
            }
        }
        validate();
    }

    /**
     * {@code RequestCertificate} with DNS validation.
     *
     * @throws IllegalArgumentException {@code ValidationException: …} for a name ACM would refuse
     */
    public synchronized Certificate request(String domainName, List<String> subjectAlternativeNames, String idempotencyToken) {
        String domain = clean(domainName);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(domain);
        subjectAlternativeNames.forEach(n -> names.add(clean(n)));
        if (idempotencyToken != null && !idempotencyToken.isEmpty()) {
            for (Certificate c : certificates.values()) {
                if (c.arn().endsWith(uuid(idempotencyToken + "/" + String.join(",", names)))) {
                    return c;
                }
            }
        }
        String id = idempotencyToken == null || idempotencyToken.isEmpty() ? UUID.randomUUID().toString()
                : uuid(idempotencyToken + "/" + String.join(",", names));
        String arn = "arn:aws:acm:" + region + ":" + accountId + ":certificate/" + id;
        List<Validation> validations = new ArrayList<>();
        for (String name : names) {
            // a wildcard is validated by its base name's record, so *.x and x share one CNAME
            String base = name.startsWith("*.") ? name.substring(2) : name;
            String token = hex(arn + "/" + base, 16);
            validations.add(new Validation(name, base, "_" + token + "." + base + ".",
                    "_" + hex("value/" + arn + "/" + base, 16) + "." + hex("zone/" + arn, 5) + ".acm-validations.aws.", "PENDING_VALIDATION"));
        }
        Certificate c = new Certificate(arn, domain, List.copyOf(names), "PENDING_VALIDATION", clock.instant(), validations,
                Optional.empty(), List.of());
        certificates.put(arn, c);
        validate();
        Certificate made = certificates.get(arn);
        changed();
        return made;
    }

    /** All certificates, oldest first, after a validation check. */
    public List<Certificate> list() {
        validate();
        synchronized (this) {
            return List.copyOf(certificates.values());
        }
    }

    /** A certificate by ARN, after a validation check: what the NLB asks for its TLS listener. */
    public Optional<Certificate> find(String arn) {
        validate();
        synchronized (this) {
            return Optional.ofNullable(certificates.get(arn));
        }
    }

    /** {@code DeleteCertificate}; refused while a load balancer uses it, as ACM refuses. */
    public boolean delete(String arn) {
        boolean removed;
        synchronized (this) {
            Certificate c = certificates.get(arn);
            if (c != null && !c.inUseBy().isEmpty()) {
                throw new IllegalStateException("ResourceInUseException: Certificate " + arn + " in use by " + String.join(", ", c.inUseBy()));
            }
            removed = certificates.remove(arn) != null;
        }
        if (removed) {
            changed();
        }
        return removed;
    }

    /** Records which load balancers use a certificate (ACM's {@code InUseBy}); the NLB part calls it. */
    public synchronized void setInUseBy(String arn, List<String> loadBalancerArns) {
        Certificate c = certificates.get(arn);
        if (c != null) {
            certificates.put(arn, new Certificate(c.arn(), c.domainName(), c.subjectAlternativeNames(), c.status(), c.createdAt(),
                    c.validations(), c.issued(), List.copyOf(loadBalancerArns)));
        }
    }

    /** Moves each pending certificate whose validation records all exist to ISSUED. */
    public void validate() {
        if (validatePending()) {
            changed();
        }
    }

    /** @return whether a certificate changed status */
    private synchronized boolean validatePending() {
        boolean any = false;
        for (Certificate c : List.copyOf(certificates.values())) {
            if (!c.status().equals("PENDING_VALIDATION")) {
                continue;
            }
            List<Validation> checked = new ArrayList<>();
            boolean all = true;
            for (Validation v : c.validations()) {
                boolean seen = recordExists(v.recordName(), v.recordValue());
                all &= seen;
                checked.add(new Validation(v.domainName(), v.validationDomain(), v.recordName(), v.recordValue(),
                        seen ? "SUCCESS" : "PENDING_VALIDATION"));
            }
            if (!all) {
                continue;
            }
            Optional<CertificateIssuer.Issued> issued;
            String status;
            try {
                issued = Optional.of(issuer.issue(c.subjectAlternativeNames()));
                status = "ISSUED";
            } catch (RuntimeException e) {
                issued = Optional.empty();
                status = "FAILED";
            }
            certificates.put(c.arn(), new Certificate(c.arn(), c.domainName(), c.subjectAlternativeNames(), status, c.createdAt(),
                    checked, issued, c.inUseBy()));
            any = true;
        }
        return any;
    }

    private boolean recordExists(String name, String value) {
        return zones.zoneFor(name).stream().flatMap(z -> z.records().stream())
                .anyMatch(r -> r.type().equals("CNAME") && r.name().equalsIgnoreCase(name)
                        && r.values().stream().anyMatch(v -> Route53Zones.dotted(v.toLowerCase(Locale.ROOT)).equals(value)));
    }

    private static String clean(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        if (!n.matches("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}") || n.length() > 253) {
            throw new IllegalArgumentException("ValidationException: 1 validation error detected: Value '" + name
                    + "' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
        }
        return n;
    }

    private static String hex(String seed, int bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
