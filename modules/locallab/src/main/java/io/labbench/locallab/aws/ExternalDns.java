package io.labbench.locallab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * ExternalDNS 0.12 as kOps runs it (AWS provider, TXT registry, owner {@code kops-<cluster>}), acting
 * while its Deployment exists in kube-system. Each pass lists the Services, takes those annotated with
 * {@code external-dns.alpha.kubernetes.io/hostname} that have a load balancer, and brings the zones of
 * the lab's Route 53 in line: an alias A record to the load balancer's name (a plain A record for an IP
 * ingress) plus the two TXT ownership records ({@code <name>} and {@code a-<name>}); records it owns
 * whose Service or annotation is gone are deleted. Records another owner wrote are left alone.
 *
 * <p>The real one syncs every minute and, with kOps's {@code --events}, soon after a Service changes;
 * the lab passes every {@link #DEFAULT_INTERVAL} so a change shows within seconds. Its log (the real
 * one's lines and format) is what {@code kubectl logs -n kube-system deploy/external-dns} prints.
 */
final class ExternalDns implements AutoCloseable {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final String HOSTNAME = "external-dns.alpha.kubernetes.io/hostname";
    /** The canonical hosted zone of NLBs in us-east-1, which alias records to them name. */
    static final String NLB_ZONE_ID = "Z26RNL4JYFTOTI";
    private static final int MAX_LOG_LINES = 5000;

    private final KubeHttp kube;
    private final LabCloud cloud;
    private final String clusterName;
    private final BooleanSupplier allowed;
    private final String deniedPrincipal;
    private final Duration interval;
    private final Clock clock;
    private final Deque<String> log = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private boolean running;
    private Instant lastUpToDate = Instant.EPOCH;

    /**
     * @param allowed         whether the node role ExternalDNS runs with may change Route 53 (the study's
     *                        {@code AllowExternalDNSUpdates} policy attached)
     * @param deniedPrincipal who AWS names in an AccessDenied ({@code assumed-role/masters.<cluster>/i-…})
     */
    ExternalDns(KubeHttp kube, LabCloud cloud, String clusterName, BooleanSupplier allowed, String deniedPrincipal, Duration interval,
                Clock clock) {
        this.kube = kube;
        this.cloud = cloud;
        this.clusterName = clusterName;
        this.allowed = allowed;
        this.deniedPrincipal = deniedPrincipal;
        this.interval = interval;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-external-dns");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sync();
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (running) {
                        error("failed to sync: " + e.getMessage());
                    }
                }
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The log since the Deployment appeared (empty while it does not exist). */
    synchronized String log() {
        return log.isEmpty() ? "" : String.join("\n", log) + "\n";
    }

    /** One pass: the real controller's {@code RunOnce}. */
    synchronized void sync() throws IOException {
        if (kube.get("/apis/apps/v1/namespaces/kube-system/deployments/" + ExternalDnsAddon.NAME).isEmpty()) {
            if (running) {
                running = false;
                log.clear();
            }
            return;
        }
        if (!running) {
            running = true;
            lastUpToDate = Instant.EPOCH;
            startupLines();
        }
        if (!allowed.getAsBoolean()) {
            error("records retrieval failed: failed to list hosted zones: AccessDenied: User: " + deniedPrincipal
                    + " is not authorized to perform: route53:ListHostedZones because no identity-based policy allows the"
                    + " route53:ListHostedZones action\\n\\tstatus code: 403, request id: " + java.util.UUID.randomUUID());
            return;
        }
        Map<String, Desired> desired = desired(kube.get("/api/v1/services").map(s -> s.path("items")).orElse(null));
        Route53Zones zones = cloud.route53();
        boolean changed = false;
        for (LabCloud.HostedZone zone : zones.zones()) {
            changed |= syncZone(zones, zone, desired);
        }
        if (!changed && Duration.between(lastUpToDate, clock.instant()).compareTo(Duration.ofMinutes(1)) >= 0) {
            // the real one says so on every (one-minute) pass; the lab's passes are shorter, so once a minute
            info("All records are already up to date");
            lastUpToDate = clock.instant();
        }
    }

    /** A name a Service asks for and where it points. */
    private record Desired(String name, Optional<String> aliasDnsName, List<String> ips, String resource) {
    }

    private Map<String, Desired> desired(JsonNode services) {
        Map<String, Desired> out = new LinkedHashMap<>();
        if (services == null) {
            return out;
        }
        for (JsonNode svc : services) {
            String names = svc.path("metadata").path("annotations").path(HOSTNAME).asText("");
            if (names.isBlank() || !svc.path("spec").path("type").asText().equals("LoadBalancer")) {
                continue;
            }
            Optional<String> hostname = Optional.empty();
            List<String> ips = new ArrayList<>();
            for (JsonNode ingress : svc.path("status").path("loadBalancer").path("ingress")) {
                if (!ingress.path("hostname").asText().isEmpty() && hostname.isEmpty()) {
                    hostname = Optional.of(dotted(ingress.path("hostname").asText()));
                }
                if (!ingress.path("ip").asText().isEmpty()) {
                    ips.add(ingress.path("ip").asText());
                }
            }
            if (hostname.isEmpty() && ips.isEmpty()) {
                continue; // no load balancer yet: no endpoint, as the real source skips it
            }
            String resource = "service/" + svc.path("metadata").path("namespace").asText() + "/" + svc.path("metadata").path("name").asText();
            for (String n : names.split(",")) {
                if (!n.isBlank()) {
                    String name = dotted(n.trim().toLowerCase(Locale.ROOT));
                    out.putIfAbsent(name, new Desired(name, hostname, hostname.isPresent() ? List.of() : ips, resource));
                }
            }
        }
        return out;
    }

    private String ownerLabel() {
        return "external-dns/owner=" + ExternalDnsAddon.ownerId(clusterName);
    }

    private String txt(String resource) {
        return "\"heritage=external-dns," + ownerLabel() + ",external-dns/resource=" + resource + "\"";
    }

    private boolean syncZone(Route53Zones zones, LabCloud.HostedZone zone, Map<String, Desired> desired) {
        Map<String, LabCloud.RecordSet> aRecords = new LinkedHashMap<>();
        Map<String, LabCloud.RecordSet> txtRecords = new LinkedHashMap<>();
        for (LabCloud.RecordSet r : zone.records()) {
            if (r.type().equals("A")) {
                aRecords.put(r.name(), r);
            } else if (r.type().equals("TXT")) {
                txtRecords.put(r.name(), r);
            }
        }
        Set<String> owned = new LinkedHashSet<>();
        txtRecords.forEach((name, r) -> {
            if (aRecords.containsKey(name) && r.values().stream().anyMatch(v -> v.contains(ownerLabel() + ","))) {
                owned.add(name);
            }
        });
        List<Route53Zones.Change> changes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String zoneRef = "[Id: /hostedzone/" + zone.zoneId() + "]";
        for (Desired d : desired.values()) {
            if (!zones.zoneFor(d.name()).map(z -> z.zoneId().equals(zone.zoneId())).orElse(false)) {
                continue;
            }
            LabCloud.RecordSet a = d.aliasDnsName().isPresent()
                    ? LabCloud.RecordSet.alias(d.name(), "A", new LabCloud.AliasTarget(NLB_ZONE_ID, d.aliasDnsName().get(), true))
                    : new LabCloud.RecordSet(d.name(), "A", 300, d.ips());
            LabCloud.RecordSet current = aRecords.get(d.name());
            if (current == null) {
                String prefixed = prefixed(d.name());
                add(changes, lines, Route53Zones.Action.CREATE, new LabCloud.RecordSet(prefixed, "TXT", 300, List.of(txt(d.resource()))), zoneRef);
                add(changes, lines, Route53Zones.Action.CREATE, a, zoneRef);
                add(changes, lines, Route53Zones.Action.CREATE, new LabCloud.RecordSet(d.name(), "TXT", 300, List.of(txt(d.resource()))), zoneRef);
            } else if (owned.contains(d.name()) && !sameTarget(current, a)) {
                add(changes, lines, Route53Zones.Action.UPSERT, a, zoneRef);
            }
        }
        for (String name : owned) {
            if (desired.containsKey(name)) {
                continue;
            }
            LabCloud.RecordSet prefixedTxt = txtRecords.get(prefixed(name));
            if (prefixedTxt != null) {
                add(changes, lines, Route53Zones.Action.DELETE, prefixedTxt, zoneRef);
            }
            add(changes, lines, Route53Zones.Action.DELETE, aRecords.get(name), zoneRef);
            add(changes, lines, Route53Zones.Action.DELETE, txtRecords.get(name), zoneRef);
        }
        if (changes.isEmpty()) {
            return false;
        }
        lines.forEach(this::info);
        try {
            zones.change(zone.zoneId(), "External DNS, owner " + ExternalDnsAddon.ownerId(clusterName), changes);
            info(changes.size() + " record(s) in zone " + zone.name() + " " + zoneRef + " were successfully updated");
        } catch (Route53Zones.InvalidChangeBatch e) {
            error("Failure in zone " + zone.name() + " " + zoneRef + " when submitting change batch: InvalidChangeBatch: ["
                    + String.join(", ", e.messages()) + "]\\n\\tstatus code: 400");
        } catch (IllegalArgumentException e) {
            error("Failure in zone " + zone.name() + " " + zoneRef + ": " + e.getMessage());
        }
        return true;
    }

    /** The TXT registry's new-format name for an A record: {@code a-} before the first label. */
    private static String prefixed(String name) {
        return "a-" + name;
    }

    private static boolean sameTarget(LabCloud.RecordSet current, LabCloud.RecordSet wanted) {
        if (current.alias().isPresent() || wanted.alias().isPresent()) {
            return current.alias().map(LabCloud.AliasTarget::dnsName).equals(wanted.alias().map(LabCloud.AliasTarget::dnsName));
        }
        return new LinkedHashSet<>(current.values()).equals(new LinkedHashSet<>(wanted.values()));
    }

    private static void add(List<Route53Zones.Change> changes, List<String> lines, Route53Zones.Action action, LabCloud.RecordSet r,
                            String zoneRef) {
        changes.add(new Route53Zones.Change(action, r));
        lines.add("Desired change: " + action + " " + undotted(r.name()) + " " + r.type() + " " + zoneRef);
    }

    private void startupLines() {
        info("config: {APIServerURL: KubeConfig: RequestTimeout:30s DefaultTargets:[] Sources:[ingress pod service] Namespace: "
                + "AnnotationFilter: LabelFilter: FQDNTemplate: CombineFQDNAndAnnotation:false IgnoreHostnameAnnotation:false "
                + "Compatibility:kops-dns-controller PublishInternal:false Provider:aws AWSZoneType: AWSBatchChangeSize:1000 "
                + "AWSEvaluateTargetHealth:true Policy:sync Registry:txt TXTOwnerID:" + ExternalDnsAddon.ownerId(clusterName)
                + " TXTPrefix: TXTSuffix: Interval:1m0s MinEventSyncInterval:5s Once:false DryRun:false UpdateEvents:true LogFormat:text "
                + "LogLevel:info TXTCacheInterval:0s TXTWildcardReplacement: ExoscaleEndpoint: ...}");
        info("Instantiating new Kubernetes client");
        info("Using inCluster-config based on serviceaccount-token");
        info("Created Kubernetes client https://100.64.0.1:443");
    }

    private void info(String message) {
        line("info", message);
    }

    private void error(String message) {
        line("error", message);
    }

    private synchronized void line(String level, String message) {
        log.addLast("time=\"" + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\" level=" + level + " msg=\""
                + message.replace("\"", "\\\"") + "\"");
        while (log.size() > MAX_LOG_LINES) {
            log.removeFirst();
        }
    }

    private static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private static String undotted(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
