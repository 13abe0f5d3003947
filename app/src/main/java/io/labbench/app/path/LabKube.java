package io.labbench.app.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.kube.ApiCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The local lab's Kubernetes API as the path reads it: three lists (pods, Services, endpoints) with the
 * JDK's HTTP client, trusting the lab's CA and sending its token from the lab's kubeconfig, read as JSON
 * trees. Not fabric8: on a loaded 2-core machine its client took 15 s to make and its first list 14 s (class
 * loading of its model and HTTP stack), which was nearly all of a {@code labbench path} run; these three GETs
 * take well under a second. One HTTP client serves the source's life.
 */
final class LabKube implements ClusterObjects {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String kubeconfig;
    private HttpClient http;
    private URI server;
    private String token;

    /** @param kubeconfig the lab's kubeconfig file; empty when the lab has no API server (then nothing is listed) */
    LabKube(String kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    @Override
    public Listed list() throws IOException {
        if (kubeconfig.isEmpty()) {
            return Listed.NONE;
        }
        connect();
        // the local lab's nodes are known from its status; their Kubernetes objects are not needed
        return new Listed(items("/api/v1/pods"), items("/api/v1/services"), items("/api/v1/endpoints"), List.of());
    }

    private List<JsonNode> items(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing " + path, e);
        } catch (IOException e) {
            throw new IOException("the lab's Kubernetes API at " + server + " did not answer (" + e.getMessage() + "); is the lab"
                    + " up? 'labbench lab status' tells", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the lab's Kubernetes API answered " + response.statusCode() + " to GET " + path
                    + (response.statusCode() == 401 ? ": the kubeconfig " + kubeconfig + " is not this lab's (run 'labbench lab up' again)" : ""));
        }
        JsonNode list = JSON.readTree(response.body());
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(items::add);
        return items;
    }

    /** Reads the kubeconfig's first cluster and user once: the server URL, the CA to trust, the token. */
    private synchronized void connect() throws IOException {
        if (http != null) {
            return;
        }
        // A fresh JVM (labbench path) spends seconds loading Jackson's databind on the first readTree and as long
        // again on the TLS client: load the former on its own thread while this one sets up the latter.
        Thread warm = new Thread(() -> {
            try {
                JSON.readTree("{\"items\":[{\"metadata\":{}}]}");
            } catch (IOException e) {
                // only warming: the real reads report their own errors
            }
        }, "path-json-warm");
        warm.setDaemon(true);
        warm.start();
        Map<String, Object> config;
        try {
            config = new Yaml().load(Files.readString(Path.of(kubeconfig), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(kubeconfig + ": not a kubeconfig (" + e.getMessage() + ")", e);
        }
        Map<?, ?> cluster = (Map<?, ?>) first(config, "clusters", "cluster");
        Map<?, ?> user = (Map<?, ?>) first(config, "users", "user");
        String url = str(cluster.get("server"));
        String ca = str(cluster.get("certificate-authority-data"));
        String bearer = str(user.get("token"));
        if (url.isEmpty() || ca.isEmpty() || bearer.isEmpty()) {
            throw new IOException(kubeconfig + ": expected clusters[0].cluster.server and certificate-authority-data and"
                    + " users[0].user.token, as the local lab writes them");
        }
        try {
            // certificate-authority-data is the CA's PEM, base64-encoded; ApiCredentials builds the client that
            // trusts that CA and nothing else (the key and serving certificate play no part in a client)
            String caPem = new String(Base64.getDecoder().decode(ca), StandardCharsets.US_ASCII);
            http = new ApiCredentials(caPem, "", "", bearer).trustingHttpClient(TIMEOUT);
            server = URI.create(url.endsWith("/") ? url : url + "/");
            token = bearer;
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(kubeconfig + ": its certificate-authority-data is not a certificate (" + e.getMessage() + ")", e);
        }
    }

    private Object first(Map<String, Object> config, String list, String field) throws IOException {
        if (config != null && config.get(list) instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m
                && m.get(field) instanceof Map<?, ?> value) {
            return value;
        }
        throw new IOException(kubeconfig + ": expected a '" + list + "' list whose first entry has '" + field + "'");
    }

    @Override
    public synchronized void close() {
        // the JDK client of Java 17 has no close; dropping it lets its threads end
        http = null;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
