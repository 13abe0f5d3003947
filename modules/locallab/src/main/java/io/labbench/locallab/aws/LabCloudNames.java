package io.labbench.locallab.aws;

import io.labbench.localaws.state.LabCloud;
import io.labbench.locallab.dns.ResolverRecord;
import io.labbench.locallab.dns.ResolverRecordSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the lab's AWS state adds to the VPC resolver: each active load balancer's DNS name → its addresses
 * (a provisioning one's name does not resolve yet, as on AWS; nor does an alias to it), and
 * the Route 53 hosted zones' A, CNAME and TXT records. An A record whose value is a name rather than an
 * address is an alias (Route 53's {@code AliasTarget}, e.g. ExternalDNS pointing a name at an NLB): it
 * answers the target's addresses, as Route 53 does, without a CNAME in between.
 *
 * <p>The VPC resolver reads {@link #records()} again whenever {@code changeSignal} fires: the lab wires it
 * to Route 53's change batches and to ELBv2's changes ({@code Elbv2State.subscribe}), so a new load
 * balancer's name or a new record answers at once; its once-a-second re-read is only a safety net.
 */
public final class LabCloudNames implements ResolverRecordSource {

    private final LabCloud cloud;
    private final Function<LabCloud.LoadBalancer, List<String>> addresses;
    private final Consumer<Runnable> changeSignal;

    /**
     * @param addresses    what a load balancer's DNS name answers (on AWS one address per AZ subnet)
     * @param changeSignal subscribes a listener to the state's writers
     */
    public LabCloudNames(LabCloud cloud, Function<LabCloud.LoadBalancer, List<String>> addresses, Consumer<Runnable> changeSignal) {
        this.cloud = cloud;
        this.addresses = addresses;
        this.changeSignal = changeSignal;
    }

    /** Load balancers without addresses (the NLB work adds them); the resolver follows once a second. */
    public static LabCloudNames of(LabCloud cloud) {
        return new LabCloudNames(cloud, lb -> List.of(), listener -> { });
    }

    @Override
    public List<ResolverRecord> records() {
        List<ResolverRecord> out = new ArrayList<>();
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (LabCloud.LoadBalancer lb : cloud.loadBalancers()) {
            if (!lb.state().equals("active")) {
                continue; // AWS answers a load balancer's name once it is active, not while it is provisioning
            }
            String name = ResolverRecord.normalizedName(lb.dnsName());
            for (String ip : addresses.apply(lb)) {
                out.add(new ResolverRecord.A(name, ip));
                known.computeIfAbsent(name, n -> new ArrayList<>()).add(ip);
            }
        }
        List<LabCloud.RecordSet> aliases = new ArrayList<>();
        for (LabCloud.HostedZone zone : cloud.hostedZones()) {
            for (LabCloud.RecordSet rs : zone.records()) {
                String name = ResolverRecord.normalizedName(rs.name());
                switch (rs.type()) {
                    case "A" -> {
                        for (String v : rs.values()) {
                            if (isIpv4(v)) {
                                out.add(new ResolverRecord.A(name, v));
                                known.computeIfAbsent(name, n -> new ArrayList<>()).add(v);
                            } else {
                                aliases.add(rs);
                            }
                        }
                    }
                    case "CNAME" -> rs.values().stream().findFirst().ifPresent(t -> out.add(new ResolverRecord.Cname(name, t)));
                    case "TXT" -> rs.values().forEach(v -> out.add(new ResolverRecord.Txt(name, unquote(v))));
                    default -> {
                        // NS, SOA, AAAA…: nothing in the lab asks the VPC resolver for them
                    }
                }
            }
        }
        for (LabCloud.RecordSet alias : aliases) {
            for (String target : alias.values()) {
                String t = ResolverRecord.normalizedName(target);
                List<String> ips = known.getOrDefault(t, known.getOrDefault(t.replaceFirst("^dualstack\\.", ""), List.of()));
                ips.forEach(ip -> out.add(new ResolverRecord.A(ResolverRecord.normalizedName(alias.name()), ip)));
            }
        }
        return out;
    }

    @Override
    public void onChange(Runnable listener) {
        changeSignal.accept(listener);
    }

    private static boolean isIpv4(String v) {
        return v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Route 53 shows a TXT value in quotes: {@code "heritage=external-dns,…"}. */
    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
