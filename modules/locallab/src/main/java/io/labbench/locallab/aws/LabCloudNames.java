package io.labbench.locallab.aws;

import io.labbench.localaws.state.LabCloud;
import io.labbench.locallab.dns.ResolverRecord;
import io.labbench.locallab.dns.ResolverRecordSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab's AWS state adds to the VPC resolver: each load balancer's DNS name → its addresses, and
 * the Route 53 hosted zones' A, CNAME and TXT records. An A record whose value is a name rather than an
 * address is an alias (Route 53's {@code AliasTarget}, e.g. ExternalDNS pointing a name at an NLB): it
 * answers the target's addresses, as Route 53 does, without a CNAME in between.
 */
public final class LabCloudNames implements ResolverRecordSource {

    private final LabCloud cloud;

    public LabCloudNames(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public List<ResolverRecord> records() {
        List<ResolverRecord> out = new ArrayList<>();
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        for (LabCloud.LoadBalancer lb : cloud.loadBalancers()) {
            String name = ResolverRecord.normalizedName(lb.dnsName());
            for (String ip : cloud.loadBalancerAddresses(lb)) {
                out.add(new ResolverRecord.A(name, ip));
                addresses.computeIfAbsent(name, n -> new ArrayList<>()).add(ip);
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
                                addresses.computeIfAbsent(name, n -> new ArrayList<>()).add(v);
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
                List<String> ips = addresses.getOrDefault(t, addresses.getOrDefault(t.replaceFirst("^dualstack\\.", ""), List.of()));
                ips.forEach(ip -> out.add(new ResolverRecord.A(ResolverRecord.normalizedName(alias.name()), ip)));
            }
        }
        return out;
    }

    @Override
    public void onChange(Runnable listener) {
        cloud.onChange(listener);
    }

    private static boolean isIpv4(String v) {
        return v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Route 53 shows a TXT value in quotes: {@code "heritage=external-dns,…"}. */
    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
