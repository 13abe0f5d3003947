package io.labbench.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns Kubernetes objects into the rows the views show, the way {@code kubectl get} would summarise them. */
final class KubeRows {

    private KubeRows() {
    }

    static PodRow pod(Pod pod) {
        var status = pod.getStatus();
        var spec = pod.getSpec();
        List<ContainerStatus> statuses = status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
        int containers = spec == null || spec.getContainers() == null ? 0 : spec.getContainers().size();
        long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(s.getReady())).count();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        String shown = phase;
        for (ContainerStatus s : statuses) {
            if (s.getState() != null && s.getState().getWaiting() != null && s.getState().getWaiting().getReason() != null) {
                shown = s.getState().getWaiting().getReason();
            }
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            shown = "Terminating";
        }
        String pendingReason = "";
        if (status != null && status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    pendingReason = c.getMessage() == null ? String.valueOf(c.getReason()) : c.getMessage();
                }
            }
        }
        return new PodRow(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), ready + "/" + containers, shown,
                status == null || status.getPodIP() == null ? "" : status.getPodIP(),
                spec == null || spec.getNodeName() == null ? "" : spec.getNodeName(),
                spec != null && Boolean.TRUE.equals(spec.getHostNetwork()), pendingReason);
    }

    static NodeRow node(Node node, List<Pod> pods) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        String name = node.getMetadata().getName();
        int podCount = (int) pods.stream().filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getStatus() == null || !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
                .count();
        String internalIp = node.getStatus() == null || node.getStatus().getAddresses() == null ? "" : node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse("");
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new NodeRow(name,
                labels.getOrDefault("node.kubernetes.io/instance-type", labels.getOrDefault("beta.kubernetes.io/instance-type", "")),
                labels.getOrDefault("topology.kubernetes.io/zone", ""), internalIp,
                Optional.ofNullable(allocatable.get("pods")).map(q -> Integer.parseInt(q.getAmount())).orElse(0),
                Optional.ofNullable(allocatable.get("cpu")).map(Quantity::toString).orElse(""), podCount, ready);
    }

    static ServiceRow service(Service service, Optional<Endpoints> endpoints, List<String> bindings) {
        var spec = service.getSpec();
        List<String> ports = new ArrayList<>();
        if (spec.getPorts() != null) {
            spec.getPorts().forEach(p -> ports.add(p.getPort() + (p.getNodePort() == null ? "" : ":" + p.getNodePort()) + "/" + p.getProtocol()));
        }
        String lb = "";
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null && !service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            var ingress = service.getStatus().getLoadBalancer().getIngress().get(0);
            lb = ingress.getHostname() != null ? ingress.getHostname() : String.valueOf(ingress.getIp());
        }
        List<String> addresses = new ArrayList<>();
        endpoints.ifPresent(e -> {
            if (e.getSubsets() != null) {
                e.getSubsets().forEach(subset -> {
                    if (subset.getAddresses() != null) {
                        subset.getAddresses().forEach(a -> {
                            if (subset.getPorts() == null || subset.getPorts().isEmpty()) {
                                addresses.add(a.getIp());
                            } else {
                                subset.getPorts().forEach(p -> addresses.add(a.getIp() + ":" + p.getPort()));
                            }
                        });
                    }
                });
            }
        });
        return new ServiceRow(service.getMetadata().getNamespace(), service.getMetadata().getName(), spec.getType(),
                spec.getClusterIP() == null ? "" : spec.getClusterIP(), lb, ports, addresses, bindings);
    }

    static EventRow event(Event event) {
        String involved = event.getInvolvedObject() == null ? "" : event.getInvolvedObject().getKind().toLowerCase(java.util.Locale.ROOT)
                + "/" + event.getInvolvedObject().getName();
        return new EventRow(event.getMetadata().getNamespace(), involved, String.valueOf(event.getType()), String.valueOf(event.getReason()),
                String.valueOf(event.getMessage()), event.getCount() == null ? 1 : event.getCount(), lastSeen(event));
    }

    private static Instant lastSeen(Event event) {
        for (String time : new String[] {event.getLastTimestamp(), event.getFirstTimestamp(), event.getMetadata().getCreationTimestamp()}) {
            if (time != null) {
                try {
                    return Instant.parse(time);
                } catch (DateTimeParseException ignored) {
                    // try the next field
                }
            }
        }
        return Instant.EPOCH;
    }
}
