package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** Answers {@code pods/<name>/exec} WebSocket upgrades for a stored pod. */
@FunctionalInterface
public interface ExecEndpoint {
    MockResponse upgrade(ApiPath path, JsonNode pod);
}
