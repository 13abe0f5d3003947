package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in resource types (controllers refer to them by these constants; each kind's behaviour is
 * its {@link KindStrategy}) and the legacy discovery documents kubectl reads before every
 * command ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/apps/v1}, …). kubectl accepts
 * these when it asked for aggregated discovery, so nothing else is needed.
 */
public final class ResourceCatalog {

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");
    private static final List<String> ALL = List.of("all");

    public static final ResourceType PODS = core("pods", "pod", "Pod", true, List.of("po"), ALL,
            List.of("status", "log", "exec", "attach", "portforward", "binding", "eviction"));
    public static final ResourceType NODES = core("nodes", "node", "Node", false, List.of("no"), List.of(),
            List.of("status", "proxy"));
    public static final ResourceType NAMESPACES = core("namespaces", "namespace", "Namespace", false,
            List.of("ns"), List.of(), List.of("status", "finalize"));
    public static final ResourceType SERVICES = core("services", "service", "Service", true, List.of("svc"),
            ALL, List.of("status", "proxy"));
    public static final ResourceType ENDPOINTS = core("endpoints", "endpoints", "Endpoints", true,
            List.of("ep"), List.of(), List.of());
    public static final ResourceType EVENTS = core("events", "event", "Event", true, List.of("ev"), List.of(),
            List.of());
    public static final ResourceType LIMIT_RANGES = core("limitranges", "limitrange", "LimitRange", true,
            List.of("limits"), List.of(), List.of());
    public static final ResourceType CONFIG_MAPS = core("configmaps", "configmap", "ConfigMap", true,
            List.of("cm"), List.of(), List.of());
    public static final ResourceType SECRETS = core("secrets", "secret", "Secret", true, List.of(), List.of(),
            List.of());
    public static final ResourceType SERVICE_ACCOUNTS = core("serviceaccounts", "serviceaccount",
            "ServiceAccount", true, List.of("sa"), List.of(), List.of());
    public static final ResourceType DEPLOYMENTS = apps("deployments", "deployment", "Deployment",
            List.of("deploy"), List.of("status", "scale"));
    public static final ResourceType REPLICA_SETS = apps("replicasets", "replicaset", "ReplicaSet",
            List.of("rs"), List.of("status", "scale"));
    public static final ResourceType DAEMON_SETS = apps("daemonsets", "daemonset", "DaemonSet", List.of("ds"),
            List.of("status"));
    public static final ResourceType STATEFUL_SETS = apps("statefulsets", "statefulset", "StatefulSet",
            List.of("sts"), List.of("status", "scale"));
    public static final ResourceType LEASES = new ResourceType("coordination.k8s.io", "v1", "leases", "lease",
            "Lease", true, List.of(), List.of(), List.of());

    private final String serverAddress;
    private final KindRegistry kinds;

    public ResourceCatalog(String serverAddress, KindRegistry kinds) {
        this.serverAddress = serverAddress;
        this.kinds = kinds;
    }

    private static ResourceType core(String plural, String singular, String kind, boolean namespaced,
                                     List<String> shortNames, List<String> categories, List<String> subs) {
        return new ResourceType("", "v1", plural, singular, kind, namespaced, shortNames, categories, subs);
    }

    private static ResourceType apps(String plural, String singular, String kind, List<String> shortNames,
                                     List<String> subs) {
        return new ResourceType("apps", "v1", plural, singular, kind, true, shortNames, ALL, subs);
    }

    /** The discovery document at {@code path} (no query), if it is one. */
    public Optional<String> document(String path) {
        String p = path.replaceAll("/+$", "");
        if (p.equals("/api")) {
            ObjectNode n = Json.object();
            n.put("kind", "APIVersions");
            n.putArray("versions").add("v1");
            ObjectNode addr = n.putArray("serverAddressByClientCIDRs").addObject();
            addr.put("clientCIDR", "0.0.0.0/0");
            addr.put("serverAddress", serverAddress);
            return Optional.of(Json.write(n));
        }
        if (p.equals("/apis")) {
            ObjectNode n = Json.object();
            n.put("kind", "APIGroupList");
            n.put("apiVersion", "v1");
            ArrayNode groups = n.putArray("groups");
            kinds.groups().forEach((group, version) -> groups.add(groupDoc(group, version)));
            return Optional.of(Json.write(n));
        }
        if (p.equals("/api/v1")) {
            return Optional.of(resourceList("", "v1"));
        }
        for (Map.Entry<String, String> g : kinds.groups().entrySet()) {
            if (p.equals("/apis/" + g.getKey())) {
                ObjectNode doc = groupDoc(g.getKey(), g.getValue());
                doc.put("kind", "APIGroup");
                doc.put("apiVersion", "v1");
                return Optional.of(Json.write(doc));
            }
            if (p.equals("/apis/" + g.getKey() + "/" + g.getValue())) {
                return Optional.of(resourceList(g.getKey(), g.getValue()));
            }
        }
        return Optional.empty();
    }

    private static ObjectNode groupDoc(String group, String version) {
        ObjectNode g = Json.object();
        g.put("name", group);
        ObjectNode gv = Json.object();
        gv.put("groupVersion", group + "/" + version);
        gv.put("version", version);
        g.putArray("versions").add(gv);
        g.set("preferredVersion", gv.deepCopy());
        return g;
    }

    private String resourceList(String group, String version) {
        ObjectNode n = Json.object();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = n.putArray("resources");
        for (ResourceType t : kinds.types()) {
            if (!t.group().equals(group) || !t.version().equals(version)) {
                continue;
            }
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            VERBS.forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                t.shortNames().forEach(sn::add);
            }
            if (!t.categories().isEmpty()) {
                ArrayNode c = r.putArray("categories");
                t.categories().forEach(c::add);
            }
            for (String sub : t.subresources()) {
                ObjectNode s = resources.addObject();
                s.put("name", t.plural() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", t.namespaced());
                switch (sub) {
                    case "scale" -> {
                        s.put("group", "autoscaling");
                        s.put("version", "v1");
                        s.put("kind", "Scale");
                        s.putArray("verbs").add("get").add("patch").add("update");
                    }
                    case "status" -> {
                        s.put("kind", t.kind());
                        s.putArray("verbs").add("get").add("patch").add("update");
                    }
                    case "log" -> {
                        s.put("kind", "Pod");
                        s.putArray("verbs").add("get");
                    }
                    case "binding", "eviction" -> {
                        s.put("kind", sub.equals("binding") ? "Binding" : "Eviction");
                        s.putArray("verbs").add("create");
                    }
                    default -> {
                        s.put("kind", "PodExecOptions");
                        s.putArray("verbs").add("create").add("get");
                    }
                }
            }
        }
        return Json.write(n);
    }
}
