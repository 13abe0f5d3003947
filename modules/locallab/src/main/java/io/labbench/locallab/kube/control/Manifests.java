package io.labbench.locallab.kube.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.Json;

/** Terse builders for the kube-system objects the lab starts with. */
final class Manifests {
    private Manifests() {
    }

    static ObjectNode container(String name, String image, int cpuMillis, int memoryMi) {
        ObjectNode c = Json.object();
        c.put("name", name);
        c.put("image", image);
        ObjectNode requests = c.putObject("resources").putObject("requests");
        if (cpuMillis > 0) {
            requests.put("cpu", cpuMillis + "m");
        }
        if (memoryMi > 0) {
            requests.put("memory", memoryMi + "Mi");
        }
        return c;
    }

    /** A pod spec; {@code tolerateAll} as system DaemonSets do ({@code operator: Exists}). */
    static ObjectNode podSpec(boolean hostNetwork, String priorityClass, boolean tolerateAll, ObjectNode... containers) {
        ObjectNode spec = Json.object();
        ArrayNode cs = spec.putArray("containers");
        for (ObjectNode c : containers) {
            cs.add(c);
        }
        if (hostNetwork) {
            spec.put("hostNetwork", true);
            spec.put("dnsPolicy", "ClusterFirstWithHostNet");
        }
        if (!priorityClass.isEmpty()) {
            spec.put("priorityClassName", priorityClass);
        }
        if (tolerateAll) {
            spec.putArray("tolerations").addObject().put("operator", "Exists");
        }
        return spec;
    }

    static ObjectNode controlPlaneOnly(ObjectNode spec) {
        spec.putObject("nodeSelector").put("node-role.kubernetes.io/control-plane", "");
        ArrayNode t = spec.putArray("tolerations");
        t.addObject().put("key", NodeSync.CONTROL_PLANE_TAINT).put("operator", "Exists");
        t.addObject().put("key", "node.kubernetes.io/not-ready").put("operator", "Exists");
        return spec;
    }

    static ObjectNode workload(String kind, String name, String namespace, String appLabel, String appValue,
                               int replicas, ObjectNode podSpec) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "apps/v1");
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", namespace);
        meta.putObject("labels").put(appLabel, appValue);
        ObjectNode spec = o.putObject("spec");
        if (!kind.equals("DaemonSet")) {
            spec.put("replicas", replicas);
        }
        spec.putObject("selector").putObject("matchLabels").put(appLabel, appValue);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put(appLabel, appValue);
        template.set("spec", podSpec);
        return o;
    }
}
