package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Route 53 over REST-XML, reading and writing {@link LabCloud#route53()}: the cluster's zone with the
 * records kOps keeps ({@code api.<cluster>}, …), zones the learner creates, and the records the learner
 * and ExternalDNS change with {@code ChangeResourceRecordSets} (A, CNAME, TXT, alias A to an NLB).
 * Changes are INSYNC at once: the lab's resolver answers from this state as soon as it changes.
 */
public final class Route53Api implements ServiceApi {

    private static final String XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String BASE = "/2013-04-01/";
    private static final List<String> SUPPORTED = List.of("CreateHostedZone", "DeleteHostedZone", "ListHostedZones",
            "ListHostedZonesByName", "GetHostedZone", "ListResourceRecordSets", "ChangeResourceRecordSets", "GetChange");
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
        if (!path.startsWith(BASE)) {
            return unsupported(request.method() + " " + path);
        }
        String rest = path.substring(BASE.length());
        String[] parts = rest.split("/");
        Route53Zones zones = cloud.route53();
        try {
            switch (request.method()) {
                case "GET" -> {
                    if (rest.equals("hostedzone")) {
                        return zones("ListHostedZones", zonesSorted(), Optional.empty());
                    }
                    if (rest.equals("hostedzonesbyname")) {
                        Optional<String> dns = Optional.ofNullable(request.query().get("dnsname")).filter(s -> !s.isEmpty());
                        // Route 53 orders by the name with its labels reversed (com.example.www) and starts at --dns-name
                        List<LabCloud.HostedZone> list = zonesSorted().stream()
                                .filter(z -> dns.isEmpty() || reversed(z.name()).compareTo(reversed(dotted(dns.get()))) >= 0).toList();
                        return zones("ListHostedZonesByName", list, dns);
                    }
                    if (parts.length == 2 && parts[0].equals("change")) {
                        Optional<Route53Zones.ChangeInfo> change = zones.change(parts[1]);
                        if (change.isEmpty()) {
                            return AwsErrors.error(AwsErrors.Shape.ROUTE53, 404, "NoSuchChange", "A change with the specified change ID does not exist.");
                        }
                        Xml xml = Xml.document().open("GetChangeResponse", XMLNS);
                        changeInfo(xml, change.get());
                        return AwsReply.xml(xml.close("GetChangeResponse").toString());
                    }
                    if (parts.length >= 2 && parts[0].equals("hostedzone")) {
                        LabCloud.HostedZone zone = zone(parts[1]);
                        if (parts.length == 2) {
                            Xml xml = Xml.document().open("GetHostedZoneResponse", XMLNS);
                            zone(xml, zone, zones);
                            delegation(xml, zone);
                            return AwsReply.xml(xml.close("GetHostedZoneResponse").toString());
                        }
                        if (parts.length == 3 && parts[2].equals("rrset")) {
                            return recordSets(zone);
                        }
                    }
                }
                case "POST" -> {
                    if (rest.equals("hostedzone")) {
                        return createZone(request);
                    }
                    if (parts.length == 3 && parts[0].equals("hostedzone") && parts[2].equals("rrset")) {
                        return changeRecords(zone(parts[1]), request);
                    }
                }
                case "DELETE" -> {
                    if (parts.length == 2 && parts[0].equals("hostedzone")) {
                        zone(parts[1]);
                        zones.delete(parts[1]);
                        Xml xml = Xml.document().open("DeleteHostedZoneResponse", XMLNS);
                        changeInfo(xml, new Route53Zones.ChangeInfo("C0" + parts[1].substring(Math.min(2, parts[1].length())),
                                "PENDING", java.time.Instant.now(), ""));
                        return AwsReply.xml(xml.close("DeleteHostedZoneResponse").toString());
                    }
                }
                default -> {
                    return unsupported(request.method() + " " + path);
                }
            }
        } catch (Refusal r) {
            return r.reply;
        } catch (IllegalArgumentException e) {
            return coded(e.getMessage());
        }
        return unsupported(request.method() + " " + path);
    }

    /** An answer that ends the request early (an unknown zone, a malformed body). */
    private static final class Refusal extends RuntimeException {
        final transient AwsReply reply;

        Refusal(AwsReply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private LabCloud.HostedZone zone(String id) {
        String bare = id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
        return cloud.route53().zone(bare).orElseThrow(() -> new Refusal(AwsErrors.error(AwsErrors.Shape.ROUTE53, 404,
                "NoSuchHostedZone", "No hosted zone found with ID: " + bare)));
    }

    /** {@code "Code: message"} from the state's refusals, as Route 53's error. */
    private static AwsReply coded(String message) {
        int colon = message.indexOf(": ");
        String code = colon > 0 ? message.substring(0, colon) : "InvalidInput";
        int status = code.startsWith("NoSuch") ? 404 : code.equals("HostedZoneAlreadyExists") || code.equals("HostedZoneNotEmpty") ? 409 : 400;
        return AwsErrors.error(AwsErrors.Shape.ROUTE53, status, code, colon > 0 ? message.substring(colon + 2) : message);
    }

    private AwsReply unsupported(String what) {
        return Unsupported.call(AwsErrors.Shape.ROUTE53, "Route 53", what, SUPPORTED);
    }

    private List<LabCloud.HostedZone> zonesSorted() {
        return cloud.route53().zones().stream().sorted(Comparator.comparing(z -> reversed(z.name()))).toList();
    }

    private AwsReply zones(String action, List<LabCloud.HostedZone> list, Optional<String> dnsName) {
        Xml xml = Xml.document().open(action + "Response", XMLNS).open("HostedZones");
        list.forEach(z -> zone(xml, z, cloud.route53()));
        xml.close("HostedZones").el("IsTruncated", false);
        dnsName.ifPresent(d -> xml.el("DNSName", dotted(d)));
        return AwsReply.xml(xml.el("MaxItems", 100).close(action + "Response").toString());
    }

    private static void zone(Xml xml, LabCloud.HostedZone z, Route53Zones zones) {
        xml.open("HostedZone").el("Id", "/hostedzone/" + z.zoneId()).el("Name", z.name())
                .el("CallerReference", zones.callerReference(z.zoneId()).orElse("labbench-" + z.zoneId()))
                .open("Config").opt("Comment", zones.comment(z.zoneId()).orElse("")).el("PrivateZone", false).close("Config")
                .el("ResourceRecordSetCount", z.records().size() + 2).close("HostedZone");
    }

    private static void delegation(Xml xml, LabCloud.HostedZone z) {
        xml.open("DelegationSet").open("NameServers");
        nameServers(z).forEach(ns -> xml.el("NameServer", ns));
        xml.close("NameServers").close("DelegationSet");
    }

    private static List<String> nameServers(LabCloud.HostedZone z) {
        return List.of("ns-1.awsdns-lab.com.", "ns-2.awsdns-lab.net.");
    }

    private static void changeInfo(Xml xml, Route53Zones.ChangeInfo c) {
        xml.open("ChangeInfo").el("Id", "/change/" + c.id()).el("Status", c.status()).el("SubmittedAt", c.submittedAt())
                .opt("Comment", c.comment()).close("ChangeInfo");
    }

    private AwsReply recordSets(LabCloud.HostedZone z) {
        Xml xml = Xml.document().open("ListResourceRecordSetsResponse", XMLNS).open("ResourceRecordSets");
        List<LabCloud.RecordSet> all = new ArrayList<>();
        all.add(new LabCloud.RecordSet(z.name(), "NS", 172800, nameServers(z)));
        all.add(new LabCloud.RecordSet(z.name(), "SOA", 900,
                List.of(nameServers(z).get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        // Route 53 lists by name with labels reversed, then by type (NS and SOA of the apex first)
        all.addAll(z.records().stream().sorted(Comparator.comparing((LabCloud.RecordSet r) -> reversed(r.name()))
                .thenComparing(LabCloud.RecordSet::type)).toList());
        all.forEach(r -> record(xml, r));
        return AwsReply.xml(xml.close("ResourceRecordSets").el("IsTruncated", false).el("MaxItems", 300)
                .close("ListResourceRecordSetsResponse").toString());
    }

    private static void record(Xml xml, LabCloud.RecordSet r) {
        xml.open("ResourceRecordSet").el("Name", r.name()).el("Type", r.type());
        if (r.alias().isPresent()) {
            LabCloud.AliasTarget a = r.alias().get();
            xml.open("AliasTarget").el("HostedZoneId", a.hostedZoneId()).el("DNSName", a.dnsName())
                    .el("EvaluateTargetHealth", a.evaluateTargetHealth()).close("AliasTarget");
        } else {
            xml.el("TTL", r.ttl()).open("ResourceRecords");
            r.values().forEach(v -> xml.open("ResourceRecord").el("Value", v).close("ResourceRecord"));
            xml.close("ResourceRecords");
        }
        xml.close("ResourceRecordSet");
    }

    private AwsReply createZone(AwsHttpRequest request) {
        Element root = parse(request, "CreateHostedZoneRequest");
        String name = text(root, "Name").orElseThrow(() -> invalidInput("Name is required"));
        String reference = text(root, "CallerReference").orElseThrow(() -> invalidInput("CallerReference is required"));
        Element config = child(root, "HostedZoneConfig");
        if (config != null && text(config, "PrivateZone").map(Boolean::parseBoolean).orElse(false)) {
            throw invalidInput("the local lab's Route 53 holds public zones only (no VPC association)");
        }
        String comment = config == null ? "" : text(config, "Comment").orElse("");
        LabCloud.HostedZone zone = cloud.route53().create(name, reference, comment);
        Xml xml = Xml.document().open("CreateHostedZoneResponse", XMLNS);
        zone(xml, zone, cloud.route53());
        changeInfo(xml, new Route53Zones.ChangeInfo("C0" + zone.zoneId().substring(2), "PENDING", java.time.Instant.now(), ""));
        delegation(xml, zone);
        AwsReply body = AwsReply.xml(201, xml.close("CreateHostedZoneResponse").toString());
        return new AwsReply(201, body.contentType(), java.util.Map.of("Location",
                "https://route53.amazonaws.com/2013-04-01/hostedzone/" + zone.zoneId()), body.body());
    }

    private AwsReply changeRecords(LabCloud.HostedZone zone, AwsHttpRequest request) {
        Element root = parse(request, "ChangeResourceRecordSetsRequest");
        Element batch = child(root, "ChangeBatch");
        if (batch == null || child(batch, "Changes") == null) {
            throw invalidInput("ChangeBatch.Changes is required");
        }
        List<Route53Zones.Change> changes = new ArrayList<>();
        for (Element change : children(child(batch, "Changes"), "Change")) {
            String action = text(change, "Action").orElse("").toUpperCase(Locale.ROOT);
            Route53Zones.Action a;
            try {
                a = Route53Zones.Action.valueOf(action);
            } catch (IllegalArgumentException e) {
                throw invalidInput("Invalid XML ; cvc-enumeration-valid: Value '" + action + "' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'");
            }
            Element set = child(change, "ResourceRecordSet");
            if (set == null) {
                throw invalidInput("ResourceRecordSet is required in each Change");
            }
            String name = text(set, "Name").orElseThrow(() -> invalidInput("ResourceRecordSet.Name is required"));
            String type = text(set, "Type").orElseThrow(() -> invalidInput("ResourceRecordSet.Type is required")).toUpperCase(Locale.ROOT);
            if (!List.of("A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA", "PTR", "SPF", "NAPTR", "DS").contains(type)) {
                throw invalidInput("Invalid XML ; cvc-enumeration-valid: Value '" + type + "' is not facet-valid with respect to enumeration");
            }
            Element alias = child(set, "AliasTarget");
            if (alias != null) {
                changes.add(new Route53Zones.Change(a, LabCloud.RecordSet.alias(name, type, new LabCloud.AliasTarget(
                        text(alias, "HostedZoneId").orElse(""), text(alias, "DNSName").orElseThrow(() -> invalidInput("AliasTarget.DNSName is required")),
                        text(alias, "EvaluateTargetHealth").map(Boolean::parseBoolean).orElse(false)))));
                continue;
            }
            long ttl = text(set, "TTL").map(t -> {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw invalidInput("Invalid XML ; TTL '" + t + "' is not a number");
                }
            }).orElse(-1L);
            List<String> values = new ArrayList<>();
            Element records = child(set, "ResourceRecords");
            if (records != null) {
                for (Element rr : children(records, "ResourceRecord")) {
                    String v = text(rr, "Value").orElse("");
                    checkValue(type, name, v);
                    values.add(v);
                }
            }
            if (!values.isEmpty() && ttl < 0) {
                throw new Refusal(AwsErrors.error(AwsErrors.Shape.ROUTE53, 400, "InvalidInput",
                        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action="
                                + a + ", Name=" + name + ", Type=" + type + ", SetIdentifier=null]"));
            }
            changes.add(new Route53Zones.Change(a, new LabCloud.RecordSet(name, type, Math.max(ttl, 0), values)));
        }
        try {
            Route53Zones.ChangeInfo info = cloud.route53().change(zone.zoneId(), text(batch, "Comment").orElse(""), changes);
            Xml xml = Xml.document().open("ChangeResourceRecordSetsResponse", XMLNS);
            changeInfo(xml, info);
            return AwsReply.xml(xml.close("ChangeResourceRecordSetsResponse").toString());
        } catch (Route53Zones.InvalidChangeBatch e) {
            // Route 53 lists every refused change in one message, in brackets
            return AwsErrors.error(AwsErrors.Shape.ROUTE53, 400, "InvalidChangeBatch", "[" + String.join(", ", e.messages()) + "]");
        }
    }

    private static void checkValue(String type, String name, String value) {
        String problem = switch (type) {
            case "A" -> value.matches("(\\d{1,3}\\.){3}\\d{1,3}") ? "" : "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '" + value + "'";
            case "TXT", "SPF" -> value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2 ? ""
                    : "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '" + value + "''";
            case "CNAME" -> value.isBlank() ? "Invalid Resource Record: 'FATAL problem: DomainLabelEmpty encountered with ''" : "";
            default -> "";
        };
        if (!problem.isEmpty()) {
            throw new Refusal(AwsErrors.error(AwsErrors.Shape.ROUTE53, 400, "InvalidChangeBatch", "[" + problem + "]"));
        }
    }

    private static Refusal invalidInput(String message) {
        return new Refusal(AwsErrors.error(AwsErrors.Shape.ROUTE53, 400, "InvalidInput", message));
    }

    private static Element parse(AwsHttpRequest request, String rootName) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(request.body()));
            Element root = doc.getDocumentElement();
            if (!root.getLocalName().equals(rootName)) {
                throw invalidInput("Invalid XML ; expected the root element " + rootName + ", found " + root.getLocalName());
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw invalidInput("Invalid XML ; " + e.getMessage());
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim());
    }

    private static String reversed(String name) {
        List<String> labels = new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    private static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
