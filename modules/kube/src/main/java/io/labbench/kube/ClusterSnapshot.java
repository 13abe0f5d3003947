package io.labbench.kube;

import java.util.List;
import java.util.Optional;

/** Everything the live views show, at one moment. */
public record ClusterSnapshot(List<PodRow> pods, List<NodeRow> nodes, List<ServiceRow> services,
                              List<EventRow> events, Optional<AwsNodeSettings> awsNode) {

    public ClusterSnapshot {
        pods = List.copyOf(pods);
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        events = List.copyOf(events);
    }

    public static ClusterSnapshot empty() {
        return new ClusterSnapshot(List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }

    public long pendingPods() {
        return pods.stream().filter(p -> p.status().equals("Pending")).count();
    }
}
