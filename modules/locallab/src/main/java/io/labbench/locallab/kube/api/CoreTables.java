package io.labbench.locallab.kube.api;

import static io.labbench.locallab.kube.api.WorkloadTables.age;
import static io.labbench.locallab.kube.api.WorkloadTables.name;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Table columns and cells of the core/v1 resources other than pods and nodes. */
public final class CoreTables {
    private CoreTables() {
    }

    public static final TableSpec SERVICES = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Type", "type determines how the Service is exposed."),
            TableColumn.text("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
            TableColumn.text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            TableColumn.text("Port(s)", "The list of ports that are exposed by this service."),
            TableColumn.age(),
            TableColumn.wide("Selector", "Route service traffic to pods with label keys and values matching this selector.")),
            CoreTables::serviceCells);

    public static final TableSpec ENDPOINTS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Endpoints", "Endpoints of this object"), TableColumn.age()),
            CoreTables::endpointsCells);

    public static final TableSpec EVENTS = new TableSpec(List.of(
            TableColumn.text("Last Seen", "Deprecated field assuring backward compatibility with core.v1 Event type"),
            TableColumn.text("Type", "type is the type of this event (Normal, Warning), new types could be added in the future."),
            TableColumn.text("Reason", "reason is why the action was taken. It is human-readable."),
            TableColumn.text("Object", "The object that this event is about."),
            TableColumn.wide("Subobject", "The subobject that this event is about."),
            TableColumn.wide("Source", "Deprecated field assuring backward compatibility with core.v1 Event type"),
            TableColumn.text("Message", "note is a human-readable description of the status of this operation."),
            TableColumn.wide("First Seen", "Deprecated field assuring backward compatibility with core.v1 Event type"),
            TableColumn.wide("Count", "Deprecated field assuring backward compatibility with core.v1 Event type"),
            new TableColumn("Name", "string", "name", 1, "Name of the event")),
            CoreTables::eventCells);

    public static final TableSpec LIMIT_RANGES = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Created At", "CreationTimestamp is a timestamp representing the server time when this object was created.")),
            (o, now) -> List.of(name(o), o.path("metadata").path("creationTimestamp").asText()));

    public static final TableSpec NAMESPACES = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Status", "The status of the namespace"), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("status").path("phase").asText("Active"), age(o, now)));

    public static final TableSpec CONFIG_MAPS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.integer("Data", "Data contains the configuration data."), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("data").size() + o.path("binaryData").size(), age(o, now)));

    public static final TableSpec SECRETS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Type", "The type of the secret"),
            TableColumn.integer("Data", "The number of data items in the secret"), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("type").asText("Opaque"), o.path("data").size(), age(o, now)));

    public static final TableSpec SERVICE_ACCOUNTS = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.integer("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
            TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("secrets").size(), age(o, now)));

    public static final TableSpec LEASES = new TableSpec(List.of(TableColumn.nameColumn(),
            TableColumn.text("Holder", "The holder of the lease."), TableColumn.age()),
            (o, now) -> List.of(name(o), o.path("spec").path("holderIdentity").asText(""), age(o, now)));

    private static List<Object> serviceCells(JsonNode svc, Instant now) {
        JsonNode spec = svc.path("spec");
        String type = spec.path("type").asText("ClusterIP");
        String external = "<none>";
        if (type.equals("LoadBalancer")) {
            List<String> ingress = new ArrayList<>();
            for (JsonNode i : svc.path("status").path("loadBalancer").path("ingress")) {
                ingress.add(i.has("ip") ? i.path("ip").asText() : i.path("hostname").asText());
            }
            external = ingress.isEmpty() ? "<pending>" : String.join(",", ingress);
        }
        List<String> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            String nodePort = p.has("nodePort") ? ":" + p.path("nodePort").asInt() : "";
            ports.add(p.path("port").asInt() + nodePort + "/" + p.path("protocol").asText("TCP"));
        }
        TreeMap<String, String> sel = new TreeMap<>();
        spec.path("selector").fields().forEachRemaining(e -> sel.put(e.getKey(), e.getValue().asText()));
        List<String> selText = new ArrayList<>();
        sel.forEach((k, v) -> selText.add(k + "=" + v));
        return List.of(name(svc), type, spec.path("clusterIP").asText("<none>"), external,
                ports.isEmpty() ? "<none>" : String.join(",", ports), age(svc, now),
                selText.isEmpty() ? "<none>" : String.join(",", selText));
    }

    private static List<Object> endpointsCells(JsonNode ep, Instant now) {
        List<String> list = new ArrayList<>();
        for (JsonNode subset : ep.path("subsets")) {
            for (JsonNode addr : subset.path("addresses")) {
                if (subset.path("ports").isEmpty()) {
                    list.add(addr.path("ip").asText());
                }
                for (JsonNode port : subset.path("ports")) {
                    list.add(addr.path("ip").asText() + ":" + port.path("port").asInt());
                }
            }
        }
        String text;
        if (list.isEmpty()) {
            text = "<none>";
        } else if (list.size() > 3) {
            text = String.join(",", list.subList(0, 3)) + " + " + (list.size() - 3) + " more...";
        } else {
            text = String.join(",", list);
        }
        return List.of(name(ep), text, age(ep, now));
    }

    private static List<Object> eventCells(JsonNode ev, Instant now) {
        String first = ev.path("firstTimestamp").asText("");
        String last = ev.path("lastTimestamp").asText("");
        if (last.isEmpty()) {
            last = ev.path("eventTime").asText(first);
        }
        JsonNode io = ev.path("involvedObject");
        String source = ev.path("source").path("component").asText("");
        String host = ev.path("source").path("host").asText("");
        if (!host.isEmpty()) {
            source += ", " + host;
        }
        return List.of(HumanDuration.since(last, now), ev.path("type").asText(), ev.path("reason").asText(),
                io.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "/" + io.path("name").asText(),
                io.path("fieldPath").asText(""), source, ev.path("message").asText(),
                HumanDuration.since(first, now), String.valueOf(ev.path("count").asInt(1)), name(ev));
    }
}
