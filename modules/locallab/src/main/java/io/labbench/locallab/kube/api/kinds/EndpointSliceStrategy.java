package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.TableColumn;
import io.labbench.locallab.kube.api.TableSpec;
import io.labbench.locallab.kube.api.WorkloadTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EndpointSlices ({@code discovery.k8s.io/v1}), after {@code pkg/registry/discovery/endpointslice/strategy.go}:
 * the AWS Load Balancer Controller reads them to register pod IPs with an NLB in IP mode. Ports default to
 * TCP; the address type must be IPv4, IPv6 or FQDN, and IPv4 addresses must be addresses.
 */
final class EndpointSliceStrategy implements KindStrategy {

    static final ResourceType TYPE = new ResourceType("discovery.k8s.io", "v1", "endpointslices", "endpointslice",
            "EndpointSlice", true, List.of(), List.of(), List.of());

    private static final Set<String> ADDRESS_TYPES = Set.of("IPv4", "IPv6", "FQDN");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private static final TableSpec TABLE = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("AddressType", "The IP protocol for this slice"),
            TableColumn.text("Ports", "The ports for this slice"),
            TableColumn.text("Endpoints", "The endpoints for this slice"),
            TableColumn.age()),
            (o, now) -> List.of(WorkloadTables.name(o), o.path("addressType").asText(), ports(o), endpoints(o),
                    WorkloadTables.age(o, now)));

    @Override
    public ResourceType type() {
        return TYPE;
    }

    @Override
    public TableSpec table() {
        return TABLE;
    }

    @Override
    public void prepareForCreate(Store store, String namespace, ObjectNode slice) {
        for (JsonNode p : slice.path("ports")) {
            ((ObjectNode) p).put("protocol", p.path("protocol").asText("TCP"));
        }
    }

    @Override
    public List<String> validate(ObjectNode slice) {
        List<String> errors = new ArrayList<>();
        String addressType = slice.path("addressType").asText("");
        if (addressType.isEmpty()) {
            errors.add("addressType: Required value");
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errors.add("addressType: Unsupported value: \"" + addressType + "\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
        }
        JsonNode endpoints = slice.path("endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode addresses = endpoints.get(i).path("addresses");
            if (addresses.isEmpty()) {
                errors.add("endpoints[" + i + "].addresses: Required value: must contain at least 1 address");
            }
            for (int j = 0; j < addresses.size(); j++) {
                String a = addresses.get(j).asText();
                if (addressType.equals("IPv4") && !IPV4.matcher(a).matches()) {
                    errors.add("endpoints[" + i + "].addresses[" + j + "]: Invalid value: \"" + a + "\": must be a valid IPv4 address");
                }
            }
        }
        JsonNode ports = slice.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).path("port");
            if (!port.isMissingNode() && (port.asInt() < 1 || port.asInt() > 65535)) {
                errors.add("ports[" + i + "].port: Invalid value: " + port.asInt() + ": must be between 1 and 65535, inclusive");
            }
        }
        return errors;
    }

    private static String ports(JsonNode slice) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : slice.path("ports")) {
            out.add(p.has("port") ? p.path("port").asText() : "<unset>");
        }
        return out.isEmpty() ? "<unset>" : String.join(",", out);
    }

    private static String endpoints(JsonNode slice) {
        List<String> all = new ArrayList<>();
        for (JsonNode e : slice.path("endpoints")) {
            e.path("addresses").forEach(a -> all.add(a.asText()));
        }
        if (all.isEmpty()) {
            return "<unset>";
        }
        String shown = String.join(",", all.subList(0, Math.min(3, all.size())));
        return all.size() > 3 ? shown + " + " + (all.size() - 3) + " more..." : shown;
    }
}
