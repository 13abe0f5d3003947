package io.labbench.aws.dns;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53 for the ExternalDNS section: find the learner's hosted zone ({@code MyDomain}) and list the
 * A and TXT records ExternalDNS writes there; resolve a name the way {@code dig +short} would.
 */
public final class HostedZoneRecords {

    private final Route53Client route53;

    public HostedZoneRecords(Route53Client route53) {
        this.route53 = route53;
    }

    /** The zone id for a domain like {@code example.com} (with or without the trailing dot). */
    public String zoneId(String domain) throws AwsFailure {
        String wanted = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "") + ".";
        List<HostedZone> zones = AwsFailure.call(() -> route53.listHostedZonesByName(b -> b.dnsName(wanted)).hostedZones());
        return zones.stream().filter(z -> z.name().equalsIgnoreCase(wanted)).findFirst()
                .map(z -> z.id().replace("/hostedzone/", ""))
                .orElseThrow(() -> new AwsFailure(new AwsProblem(AwsProblem.Kind.NOT_FOUND,
                        "No public hosted zone named " + wanted + " in this account",
                        "Check MyDomain (the study uses the domain you registered in Route 53).", ""), null));
    }

    /** A, AAAA, CNAME and TXT records of the zone; NS/SOA are left out as the study never reads them. */
    public List<DnsRecord> records(String zoneId) throws AwsFailure {
        List<DnsRecord> records = new ArrayList<>();
        AwsFailure.call(() -> {
            for (ResourceRecordSet set : route53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId)).resourceRecordSets()) {
                String type = set.typeAsString();
                if (type.equals("NS") || type.equals("SOA")) {
                    continue;
                }
                records.add(new DnsRecord(set.name(), type, set.ttl() == null ? 0 : set.ttl(),
                        set.resourceRecords().stream().map(ResourceRecord::value).toList(),
                        set.aliasTarget() == null ? "" : set.aliasTarget().dnsName()));
            }
            return null;
        });
        return records;
    }

    /** Like {@code dig +short NAME}: the addresses the system resolver returns, or empty. */
    public static List<String> resolve(String name) {
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
