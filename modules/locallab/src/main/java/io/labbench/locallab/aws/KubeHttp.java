package io.labbench.locallab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.kube.ApiCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The lab's AWS side as a client of the lab's Kubernetes API, as the real add-ons are clients of theirs:
 * kops creates an add-on's objects, ExternalDNS lists Services. Bearer token, the lab CA trusted.
 */
final class KubeHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI api;
    private final HttpClient http;
    private final String token;

    KubeHttp(URI api, ApiCredentials credentials) throws IOException {
        this.api = api;
        this.http = credentials.trustingHttpClient(Duration.ofSeconds(5));
        this.token = credentials.token();
    }

    /** The object at {@code path}, or empty when the API answers 404. */
    Optional<JsonNode> get(String path) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(api.resolve(path)).GET());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        check(r, "GET " + path);
        return Optional.of(JSON.readTree(r.body()));
    }

    /** Creates an object; an existing one (409) is left as it is. */
    void create(String collectionPath, JsonNode object) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(api.resolve(collectionPath)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(object))));
        if (r.statusCode() != 409) {
            check(r, "POST " + collectionPath);
        }
    }

    /** Deletes an object; a missing one is fine. */
    void delete(String path) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(api.resolve(path)).DELETE());
        if (r.statusCode() != 404) {
            check(r, "DELETE " + path);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the lab's Kubernetes API", e);
        }
    }

    private static void check(HttpResponse<String> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
