package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Route 53 over REST-XML: the lab's hosted zone with the records kOps keeps for the cluster
 * ({@code api.<cluster>}, …); records other parts of the lab add (ExternalDNS) come through the
 * same {@link LabCloud#hostedZones()}.
 */
public final class Route53Api implements ServiceApi {

    private static final String XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String BASE = "/2013-04-01/";
    private static final List<String> SUPPORTED = List.of("ListHostedZones", "ListHostedZonesByName", "GetHostedZone",
            "ListResourceRecordSets");
    private final LabCloud cloud;

    public Route53Api(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "route53";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        String path = request.path();
        if (!request.method().equals("GET") || !path.startsWith(BASE)) {
            return unsupported(request.method() + " " + path);
        }
        String rest = path.substring(BASE.length());
        if (rest.equals("hostedzone")) {
            return zones("ListHostedZones", zonesSorted(), Optional.empty());
        }
        if (rest.equals("hostedzonesbyname")) {
            Optional<String> dns = Optional.ofNullable(request.query().get("dnsname")).filter(s -> !s.isEmpty());
            // Route 53 orders by the name with its labels reversed (com.example.www) and starts at --dns-name
            List<LabCloud.HostedZone> zones = zonesSorted().stream()
                    .filter(z -> dns.isEmpty() || reversed(z.name()).compareTo(reversed(dotted(dns.get()))) >= 0).toList();
            return zones("ListHostedZonesByName", zones, dns);
        }
        String[] parts = rest.split("/");
        if (parts.length >= 2 && parts[0].equals("hostedzone")) {
            Optional<LabCloud.HostedZone> zone = cloud.hostedZones().stream().filter(z -> z.zoneId().equals(parts[1])).findFirst();
            if (zone.isEmpty()) {
                return AwsErrors.error(AwsErrors.Shape.ROUTE53, 404, "NoSuchHostedZone", "No hosted zone found with ID: " + parts[1]);
            }
            if (parts.length == 2) {
                Xml xml = Xml.document().open("GetHostedZoneResponse", XMLNS);
                zone(xml, zone.get());
                xml.open("DelegationSet").open("NameServers");
                nameServers(zone.get()).forEach(ns -> xml.el("NameServer", ns));
                return AwsReply.xml(xml.close("NameServers").close("DelegationSet").close("GetHostedZoneResponse").toString());
            }
            if (parts.length == 3 && parts[2].equals("rrset")) {
                return recordSets(zone.get());
            }
        }
        return unsupported("GET " + path);
    }

    private AwsReply unsupported(String what) {
        return Unsupported.call(AwsErrors.Shape.ROUTE53, "Route 53", what, SUPPORTED);
    }

    private List<LabCloud.HostedZone> zonesSorted() {
        return cloud.hostedZones().stream().sorted(Comparator.comparing(z -> reversed(z.name()))).toList();
    }

    private AwsReply zones(String action, List<LabCloud.HostedZone> zones, Optional<String> dnsName) {
        Xml xml = Xml.document().open(action + "Response", XMLNS).open("HostedZones");
        zones.forEach(z -> zone(xml, z));
        xml.close("HostedZones").el("IsTruncated", false);
        dnsName.ifPresent(d -> xml.el("DNSName", dotted(d)));
        return AwsReply.xml(xml.el("MaxItems", 100).close(action + "Response").toString());
    }

    private static void zone(Xml xml, LabCloud.HostedZone z) {
        xml.open("HostedZone").el("Id", "/hostedzone/" + z.zoneId()).el("Name", z.name()).el("CallerReference", "labbench-" + z.zoneId())
                .open("Config").el("Comment", "the local lab's zone").el("PrivateZone", false).close("Config")
                .el("ResourceRecordSetCount", z.records().size() + 2).close("HostedZone");
    }

    private static List<String> nameServers(LabCloud.HostedZone z) {
        return List.of("ns-1.awsdns-lab.com.", "ns-2.awsdns-lab.net.");
    }

    private AwsReply recordSets(LabCloud.HostedZone z) {
        Xml xml = Xml.document().open("ListResourceRecordSetsResponse", XMLNS).open("ResourceRecordSets");
        record(xml, new LabCloud.RecordSet(z.name(), "NS", 172800, nameServers(z)));
        record(xml, new LabCloud.RecordSet(z.name(), "SOA", 900,
                List.of(nameServers(z).get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        z.records().forEach(r -> record(xml, r));
        return AwsReply.xml(xml.close("ResourceRecordSets").el("IsTruncated", false).el("MaxItems", 300)
                .close("ListResourceRecordSetsResponse").toString());
    }

    private static void record(Xml xml, LabCloud.RecordSet r) {
        xml.open("ResourceRecordSet").el("Name", r.name()).el("Type", r.type()).el("TTL", r.ttl()).open("ResourceRecords");
        r.values().forEach(v -> xml.open("ResourceRecord").el("Value", v).close("ResourceRecord"));
        xml.close("ResourceRecords").close("ResourceRecordSet");
    }

    private static String reversed(String name) {
        List<String> labels = new java.util.ArrayList<>(List.of(name.toLowerCase(java.util.Locale.ROOT).split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    private static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
