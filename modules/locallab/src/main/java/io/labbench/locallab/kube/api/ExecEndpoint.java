package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The node side of the API for a stored pod, what the kubelet serves on a real cluster: answers
 * {@code pods/<name>/exec} WebSocket upgrades and, where containers really run, {@code pods/<name>/log}.
 */
@FunctionalInterface
public interface ExecEndpoint {
    MockResponse upgrade(ApiPath path, JsonNode pod);

    /** The container's real output, when a runtime runs it; empty lets {@link PodLogs} answer. */
    default java.util.Optional<String> logs(JsonNode pod, String container, boolean previous) {
        return java.util.Optional.empty();
    }

    /** The container's current output file and whether its run goes on, for {@code kubectl logs -f}; empty where nothing runs. */
    default java.util.Optional<LiveLog> liveLog(JsonNode pod, String container) {
        return java.util.Optional.empty();
    }

    /** A container run's output file as it grows; {@code running} turns false for good when the run ends. */
    record LiveLog(java.nio.file.Path file, java.util.function.BooleanSupplier running) {
    }
}
