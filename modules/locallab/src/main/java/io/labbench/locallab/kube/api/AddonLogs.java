package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The output of add-ons the lab runs in its own process rather than as a container (ExternalDNS, the
 * Load Balancer Controller): their {@code kubectl logs} is what that part of the lab logged. A part
 * registers its log under the image it stands for; pods whose container runs that image show it.
 * Wraps the node side ({@link ExecEndpoint}): real container output still comes first.
 */
public final class AddonLogs implements ExecEndpoint {

    private final ExecEndpoint nodes;
    private final Map<String, Supplier<String>> byImage = new ConcurrentHashMap<>();

    public AddonLogs(ExecEndpoint nodes) {
        this.nodes = nodes;
    }

    /**
     * @param image the image's repository without tag, e.g. {@code registry.k8s.io/external-dns/external-dns}
     * @param log   the add-on's output so far
     */
    public void register(String image, Supplier<String> log) {
        byImage.put(image, log);
    }

    public void unregister(String image) {
        byImage.remove(image);
    }

    @Override
    public MockResponse upgrade(ApiPath path, JsonNode pod) {
        return nodes.upgrade(path, pod);
    }

    @Override
    public Optional<String> logs(JsonNode pod, String container, boolean previous) {
        Optional<String> real = nodes.logs(pod, container, previous);
        if (real.isPresent()) {
            return real;
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (c.path("name").asText().equals(container)) {
                String image = c.path("image").asText();
                int tag = image.lastIndexOf(':');
                String repository = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
                Supplier<String> log = byImage.get(repository);
                if (log != null) {
                    return Optional.of(previous ? "" : log.get());
                }
            }
        }
        return Optional.empty();
    }
}
