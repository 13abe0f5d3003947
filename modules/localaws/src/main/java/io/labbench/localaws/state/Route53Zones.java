package io.labbench.localaws.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The lab's Route 53: hosted zones and their record sets, changed in atomic batches the way
 * {@code ChangeResourceRecordSets} changes them (a batch with one bad change changes nothing and says
 * which, in Route 53's words). The lab seeds the cluster's zone at {@code up}; the learner adds zones and
 * records with the real AWS CLI; ExternalDNS writes its records here. Listeners hear every applied batch
 * (the VPC resolver re-reads its answers, ACM re-checks its DNS validations).
 *
 * <p>Thread-safe: every method holds the instance's lock; listeners run after it is released.
 */
public final class Route53Zones {

    /** One change of a batch: {@code CREATE}, {@code UPSERT} or {@code DELETE} of a record set. */
    public record Change(Action action, LabCloud.RecordSet recordSet) {
    }

    public enum Action { CREATE, UPSERT, DELETE }

    /** What {@code GetChange} reports; {@code INSYNC} once the change is served (here at once). */
    public record ChangeInfo(String id, String status, Instant submittedAt, String comment) {
    }

    /** A batch that was applied, for listeners. */
    public record AppliedChange(LabCloud.HostedZone zone, List<Change> changes) {
    }

    /** A refused batch: every reason, as Route 53 lists them in {@code InvalidChangeBatch}. */
    public static final class InvalidChangeBatch extends Exception {
        private final List<String> messages;

        InvalidChangeBatch(List<String> messages) {
            super(String.join("; ", messages));
            this.messages = List.copyOf(messages);
        }

        public List<String> messages() {
            return messages;
        }
    }

    private record Zone(String id, String name, String callerReference, String comment, List<LabCloud.RecordSet> records) {
    }

    /** A zone as the lab keeps it between labs (a re-roll keeps the learner's zones, as AWS would). */
    public record SavedZone(String zoneId, String name, String callerReference, String comment, List<LabCloud.RecordSet> records) {
        public SavedZone {
            records = List.copyOf(records);
        }
    }

    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, ChangeInfo> changes = new LinkedHashMap<>();
    private final List<Consumer<AppliedChange>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final String idSeed;
    private int serial;

    /** @param idSeed makes zone and change IDs this lab's own (the lab prefix), stable for the same sequence of calls */
    public Route53Zones(Clock clock, String idSeed) {
        this.clock = clock;
        this.idSeed = idSeed;
    }

    public Route53Zones() {
        this(Clock.systemUTC(), "lab");
    }

    /** Hears every applied batch (after it is applied, outside the lock). */
    public void onChange(Consumer<AppliedChange> listener) {
        listeners.add(listener);
    }

    /** A zone the lab itself holds (the cluster's), with its ID fixed by the lab. */
    public synchronized LabCloud.HostedZone add(String zoneId, String name, List<LabCloud.RecordSet> records) {
        Zone zone = new Zone(zoneId, dotted(name), "labbench-" + zoneId, "the local lab's zone", new ArrayList<>(records));
        zones.put(zoneId, zone);
        return view(zone);
    }

    /**
     * {@code CreateHostedZone}: a new public zone (the learner's own domain).
     *
     * @throws IllegalArgumentException with Route 53's code before a colon when the name or reference is refused
     */
    public synchronized LabCloud.HostedZone create(String name, String callerReference, String comment) {
        String dotted = dotted(name.toLowerCase(Locale.ROOT));
        if (!dotted.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+")) {
            throw new IllegalArgumentException("InvalidDomainName: " + name + " is not a valid domain name");
        }
        for (Zone z : zones.values()) {
            if (z.callerReference().equals(callerReference)) {
                throw new IllegalArgumentException("HostedZoneAlreadyExists: A hosted zone has already been created with the specified caller reference.");
            }
        }
        String id = "Z0" + hash("zone/" + dotted + "/" + callerReference, 19);
        Zone zone = new Zone(id, dotted, callerReference, comment, new ArrayList<>());
        zones.put(id, zone);
        return view(zone);
    }

    /** {@code DeleteHostedZone}: only an empty zone (its NS and SOA aside), as on AWS. */
    public synchronized void delete(String zoneId) {
        Zone zone = zones.get(zoneId);
        if (zone == null) {
            throw new IllegalArgumentException("NoSuchHostedZone: No hosted zone found with ID: " + zoneId);
        }
        if (!zone.records().isEmpty()) {
            throw new IllegalArgumentException("HostedZoneNotEmpty: The specified hosted zone contains non-required resource record sets and so cannot be deleted.");
        }
        zones.remove(zoneId);
    }

    /** Every zone with everything needed to {@link #restore} it. */
    public synchronized List<SavedZone> saved() {
        return zones.values().stream().map(z -> new SavedZone(z.id(), z.name(), z.callerReference(), z.comment(), z.records())).toList();
    }

    /**
     * Puts zones kept by an earlier lab back, with their IDs and records (a zone of the same ID is
     * replaced); listeners hear each restored zone, so the resolver and ACM follow.
     */
    public void restore(List<SavedZone> saved) {
        List<AppliedChange> restored = new ArrayList<>();
        synchronized (this) {
            for (SavedZone z : saved) {
                List<LabCloud.RecordSet> records = new ArrayList<>(z.records().stream().map(Route53Zones::normalize).toList());
                Zone zone = new Zone(z.zoneId(), dotted(z.name().toLowerCase(Locale.ROOT)), z.callerReference(), z.comment(), records);
                zones.put(zone.id(), zone);
                restored.add(new AppliedChange(view(zone), records.stream().map(r -> new Change(Action.UPSERT, r)).toList()));
            }
        }
        restored.forEach(a -> listeners.forEach(l -> l.accept(a)));
    }

    /**
     * A zone the lab itself holds, with the records the lab keeps in it: a zone already there (restored from
     * an earlier lab) keeps its other records and gets these upserted; otherwise it is created with them.
     */
    public LabCloud.HostedZone seed(String zoneId, String name, List<LabCloud.RecordSet> records) {
        synchronized (this) {
            if (!zones.containsKey(zoneId)) {
                return add(zoneId, name, records);
            }
        }
        try {
            change(zoneId, "records the local lab keeps", records.stream().map(r -> new Change(Action.UPSERT, r)).toList());
        } catch (InvalidChangeBatch e) {
            throw new IllegalStateException("the lab's own records do not fit its restored zone " + name + ": " + e.getMessage(), e);
        }
        return zone(zoneId).orElseThrow();
    }

    public synchronized List<LabCloud.HostedZone> zones() {
        return zones.values().stream().map(Route53Zones::view).toList();
    }

    public synchronized Optional<LabCloud.HostedZone> zone(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId)).map(Route53Zones::view);
    }

    public synchronized Optional<String> comment(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId)).map(Zone::comment);
    }

    public synchronized Optional<String> callerReference(String zoneId) {
        return Optional.ofNullable(zones.get(zoneId)).map(Zone::callerReference);
    }

    /** The zone a name belongs to: the one with the longest name that is a suffix of it (as ExternalDNS picks). */
    public synchronized Optional<LabCloud.HostedZone> zoneFor(String dnsName) {
        String name = dotted(dnsName.toLowerCase(Locale.ROOT));
        return zones.values().stream().filter(z -> inZone(name, z.name()))
                .max(java.util.Comparator.comparingInt(z -> z.name().length())).map(Route53Zones::view);
    }

    /**
     * {@code ChangeResourceRecordSets}: all changes or none.
     *
     * @throws InvalidChangeBatch naming each change Route 53 would refuse
     * @throws IllegalArgumentException {@code NoSuchHostedZone: …} for an unknown zone
     */
    public ChangeInfo change(String zoneId, String comment, List<Change> batch) throws InvalidChangeBatch {
        AppliedChange applied;
        ChangeInfo info;
        synchronized (this) {
            Zone zone = zones.get(zoneId);
            if (zone == null) {
                throw new IllegalArgumentException("NoSuchHostedZone: No hosted zone found with ID: " + zoneId);
            }
            List<LabCloud.RecordSet> next = new ArrayList<>(zone.records());
            List<String> problems = new ArrayList<>();
            List<Change> normalized = new ArrayList<>();
            for (Change c : batch) {
                LabCloud.RecordSet r = normalize(c.recordSet());
                normalized.add(new Change(c.action(), r));
                String what = "[name='" + r.name() + "', type='" + r.type() + "']";
                if (!inZone(r.name(), zone.name())) {
                    problems.add("RRSet with DNS name " + r.name() + " is not permitted in zone " + zone.name());
                    continue;
                }
                if (r.alias().isEmpty() && r.values().isEmpty() && c.action() != Action.DELETE) {
                    problems.add("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=" + c.action() + ", Name=" + r.name() + ", Type=" + r.type() + ", SetIdentifier=null]");
                    continue;
                }
                Optional<LabCloud.RecordSet> existing = next.stream().filter(e -> sameSet(e, r)).findFirst();
                switch (c.action()) {
                    case CREATE -> {
                        if (existing.isPresent()) {
                            problems.add("Tried to create resource record set " + what + " but it already exists");
                            continue;
                        }
                    }
                    case DELETE -> {
                        if (existing.isEmpty()) {
                            problems.add("Tried to delete resource record set " + what + " but it was not found");
                        } else if (!sameValues(existing.get(), r)) {
                            problems.add("Tried to delete resource record set " + what + " but the values provided do not match the current values");
                        } else {
                            next.remove(existing.get());
                        }
                        continue;
                    }
                    case UPSERT -> existing.ifPresent(next::remove);
                }
                boolean cnameClash = next.stream().anyMatch(e -> e.name().equals(r.name()) && (r.type().equals("CNAME") || e.type().equals("CNAME")));
                if (cnameClash) {
                    problems.add("RRSet of type CNAME with DNS name " + r.name() + " is not permitted as it conflicts with other records with the same DNS name in zone " + zone.name());
                    continue;
                }
                next.add(r);
            }
            if (!problems.isEmpty()) {
                throw new InvalidChangeBatch(problems);
            }
            zone.records().clear();
            zone.records().addAll(next);
            String id = "C0" + hash("change/" + (++serial), 19);
            info = new ChangeInfo(id, "PENDING", clock.instant(), comment == null ? "" : comment);
            changes.put(id, info);
            applied = new AppliedChange(view(zone), List.copyOf(normalized));
        }
        for (Consumer<AppliedChange> l : listeners) {
            l.accept(applied);
        }
        return info;
    }

    /** {@code GetChange}: INSYNC, since the lab's name servers answer from this state at once. */
    public synchronized Optional<ChangeInfo> change(String changeId) {
        return Optional.ofNullable(changes.get(changeId)).map(c -> new ChangeInfo(c.id(), "INSYNC", c.submittedAt(), c.comment()));
    }

    private static LabCloud.HostedZone view(Zone z) {
        return new LabCloud.HostedZone(z.id(), z.name(), List.copyOf(z.records()));
    }

    private static LabCloud.RecordSet normalize(LabCloud.RecordSet r) {
        String name = dotted(r.name().toLowerCase(Locale.ROOT));
        String type = r.type().toUpperCase(Locale.ROOT);
        if (r.alias().isPresent()) {
            LabCloud.AliasTarget a = r.alias().get();
            return LabCloud.RecordSet.alias(name, type, new LabCloud.AliasTarget(a.hostedZoneId(), dotted(a.dnsName().toLowerCase(Locale.ROOT)),
                    a.evaluateTargetHealth()));
        }
        return new LabCloud.RecordSet(name, type, r.ttl(), List.copyOf(r.values()));
    }

    private static boolean sameSet(LabCloud.RecordSet a, LabCloud.RecordSet b) {
        return a.name().equals(b.name()) && a.type().equals(b.type());
    }

    private static boolean sameValues(LabCloud.RecordSet current, LabCloud.RecordSet given) {
        if (current.alias().isPresent() || given.alias().isPresent()) {
            return current.alias().map(LabCloud.AliasTarget::dnsName).equals(given.alias().map(LabCloud.AliasTarget::dnsName));
        }
        return current.ttl() == given.ttl() && new java.util.HashSet<>(current.values()).equals(new java.util.HashSet<>(given.values()));
    }

    static boolean inZone(String dottedName, String zoneName) {
        return dottedName.equals(zoneName) || dottedName.endsWith("." + zoneName);
    }

    static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private String hash(String what, int length) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((idSeed + "/" + what).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            for (int i = 0; out.length() < length; i++) {
                out.append(alphabet.charAt(Math.floorMod(digest[i % digest.length] + i * 7, alphabet.length())));
            }
            return out.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
