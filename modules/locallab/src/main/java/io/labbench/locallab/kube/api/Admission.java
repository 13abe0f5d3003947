package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the real API server adds to an object before storing it: defaulted pod fields, the
 * LimitRanger's default CPU request (kOps puts a {@code limits} LimitRange of 100m in {@code default},
 * which is why the study's nginx pods run out of CPU), service cluster IPs and node ports.
 */
public final class Admission {

    private final Store store;
    private final AtomicInteger nextClusterIp = new AtomicInteger(20);
    private final AtomicInteger nextNodePort = new AtomicInteger(30080);

    public Admission(Store store) {
        this.store = store;
    }

    public ObjectNode admit(ResourceType type, String namespace, ObjectNode object) {
        ObjectNode meta = object.with("metadata");
        if (type.namespaced()) {
            if (!namespace.isEmpty() && store.get(ResourceCatalog.NAMESPACES, "", namespace).isEmpty()) {
                throw new StoreException(404, Json.status(404, "NotFound", "namespaces \"" + namespace + "\" not found"));
            }
            meta.put("namespace", namespace);
        }
        if (type == ResourceCatalog.PODS) {
            defaultPodSpec(object.with("spec"));
            applyLimitRanges(namespace, object);
            ObjectNode status = object.with("status");
            status.put("phase", "Pending");
            status.put("qosClass", qosClass(object));
        } else if (type == ResourceCatalog.DEPLOYMENTS || type == ResourceCatalog.REPLICA_SETS
                || type == ResourceCatalog.DAEMON_SETS || type == ResourceCatalog.STATEFUL_SETS) {
            ObjectNode spec = object.with("spec");
            if (type != ResourceCatalog.DAEMON_SETS && !spec.has("replicas")) {
                spec.put("replicas", 1);
            }
            if (type == ResourceCatalog.DEPLOYMENTS) {
                spec.putIfAbsent("revisionHistoryLimit", Json.MAPPER.getNodeFactory().numberNode(10));
                spec.putIfAbsent("progressDeadlineSeconds", Json.MAPPER.getNodeFactory().numberNode(600));
                if (!spec.has("strategy")) {
                    ObjectNode strategy = spec.putObject("strategy");
                    strategy.put("type", "RollingUpdate");
                    strategy.putObject("rollingUpdate").put("maxUnavailable", "25%").put("maxSurge", "25%");
                }
            }
            defaultPodSpec(spec.with("template").with("spec"));
            object.with("status");
        } else if (type == ResourceCatalog.SERVICES) {
            defaultService(object.with("spec"));
        } else if (type == ResourceCatalog.NAMESPACES) {
            object.with("spec").putArray("finalizers").add("kubernetes");
            object.with("status").put("phase", "Active");
        }
        return object;
    }

    private static void defaultPodSpec(ObjectNode spec) {
        spec.put("restartPolicy", spec.path("restartPolicy").asText("Always"));
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", 30);
        }
        spec.put("dnsPolicy", spec.path("dnsPolicy").asText("ClusterFirst"));
        String sa = spec.path("serviceAccountName").asText("default");
        spec.put("serviceAccountName", sa);
        spec.put("serviceAccount", sa);
        spec.putIfAbsent("securityContext", Json.object());
        spec.put("schedulerName", spec.path("schedulerName").asText("default-scheduler"));
        if (!spec.has("enableServiceLinks")) {
            spec.put("enableServiceLinks", true);
        }
        if (!spec.has("priority")) {
            spec.put("priority", spec.path("priorityClassName").asText().startsWith("system-") ? 2000001000 : 0);
        }
        spec.put("preemptionPolicy", spec.path("preemptionPolicy").asText("PreemptLowerPriority"));
        if (!spec.has("tolerations")) {
            ArrayNode t = spec.putArray("tolerations");
            for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
                t.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                        .put("tolerationSeconds", 300);
            }
        }
        for (JsonNode c : spec.path("containers")) {
            ObjectNode container = (ObjectNode) c;
            String image = container.path("image").asText();
            boolean latest = !image.contains(":") || image.endsWith(":latest");
            container.put("imagePullPolicy", container.path("imagePullPolicy").asText(latest ? "Always" : "IfNotPresent"));
            container.put("terminationMessagePath", container.path("terminationMessagePath").asText("/dev/termination-log"));
            container.put("terminationMessagePolicy", container.path("terminationMessagePolicy").asText("File"));
            container.putIfAbsent("resources", Json.object());
            for (JsonNode p : container.path("ports")) {
                ((ObjectNode) p).put("protocol", p.path("protocol").asText("TCP"));
                if (spec.path("hostNetwork").asBoolean() && !p.has("hostPort")) {
                    ((ObjectNode) p).put("hostPort", p.path("containerPort").asInt());
                }
            }
        }
    }

    private void applyLimitRanges(String namespace, ObjectNode pod) {
        List<String> set = new ArrayList<>();
        for (ObjectNode lr : store.list(ResourceCatalog.LIMIT_RANGES, namespace)) {
            for (JsonNode limit : lr.path("spec").path("limits")) {
                if (!limit.path("type").asText().equals("Container")) {
                    continue;
                }
                for (JsonNode c : pod.path("spec").path("containers")) {
                    ObjectNode resources = ((ObjectNode) c).with("resources");
                    limit.path("defaultRequest").fields().forEachRemaining(e -> {
                        ObjectNode requests = resources.with("requests");
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue());
                            set.add(e.getKey() + " request for container " + c.path("name").asText());
                        }
                    });
                    limit.path("default").fields().forEachRemaining(e -> {
                        ObjectNode limits = resources.with("limits");
                        if (!limits.has(e.getKey())) {
                            limits.set(e.getKey(), e.getValue());
                            set.add(e.getKey() + " limit for container " + c.path("name").asText());
                        }
                    });
                }
            }
        }
        if (!set.isEmpty()) {
            pod.with("metadata").with("annotations").put("kubernetes.io/limit-ranger",
                    "LimitRanger plugin set: " + String.join("; ", set));
        }
    }

    private static String qosClass(JsonNode pod) {
        boolean any = false;
        for (JsonNode c : pod.path("spec").path("containers")) {
            any |= c.path("resources").path("requests").size() > 0 || c.path("resources").path("limits").size() > 0;
        }
        return any ? "Burstable" : "BestEffort";
    }

    private void defaultService(ObjectNode spec) {
        String type = spec.path("type").asText("ClusterIP");
        spec.put("type", type);
        spec.put("sessionAffinity", spec.path("sessionAffinity").asText("None"));
        if (!spec.has("clusterIP")) {
            // kOps' default service CIDR is 100.64.0.0/13; .1 is the kubernetes service, .10 kube-dns.
            int n = nextClusterIp.getAndIncrement();
            String ip = "100.64." + (n / 254) + "." + (n % 254 + 1);
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        }
        spec.put("ipFamilyPolicy", spec.path("ipFamilyPolicy").asText("SingleStack"));
        spec.putArray("ipFamilies").add("IPv4");
        spec.put("internalTrafficPolicy", spec.path("internalTrafficPolicy").asText("Cluster"));
        if (type.equals("LoadBalancer") || type.equals("NodePort")) {
            spec.put("externalTrafficPolicy", spec.path("externalTrafficPolicy").asText("Cluster"));
            if (type.equals("LoadBalancer")) {
                spec.put("allocateLoadBalancerNodePorts", spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
            }
        }
        for (JsonNode p : spec.path("ports")) {
            ObjectNode port = (ObjectNode) p;
            port.put("protocol", port.path("protocol").asText("TCP"));
            if (!port.has("targetPort")) {
                port.set("targetPort", port.get("port"));
            }
            if ((type.equals("LoadBalancer") || type.equals("NodePort")) && !port.has("nodePort")) {
                port.put("nodePort", nextNodePort.getAndIncrement());
            }
        }
    }
}
