package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed access to fabric8's CRUD dispatcher, the cluster's object store, for code inside the server
 * (controllers, admission). Everything goes through the same handlers as kubectl's requests, so
 * resource versions, uids and timestamps are kept the same way.
 */
public final class Store {

    private final KubernetesCrudDispatcher crud;

    public Store(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    public KubernetesCrudDispatcher crud() {
        return crud;
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        MockResponse r = crud.handleGet(type.path(namespace, name));
        if (r.code() == 404 || r.getBody() == null) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) Json.parse(r.getBody().readUtf8()));
    }

    /** All objects of a type in {@code namespace} ("" = every namespace), in store order. */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        MockResponse r = crud.handleGet(type.path(namespace, ""));
        List<ObjectNode> items = new ArrayList<>();
        Json.parse(r.getBody().readUtf8()).path("items").forEach(i -> items.add((ObjectNode) i));
        return items;
    }

    public ObjectNode create(ResourceType type, String namespace, JsonNode object) {
        return (ObjectNode) Json.parse(send(HttpMethod.POST, type.path(namespace, ""), Json.write(object),
                "application/json"));
    }

    /** Replaces the object; the body's resourceVersion, when present, must match (409 otherwise). */
    public ObjectNode replace(ResourceType type, String namespace, String name, JsonNode object) {
        return (ObjectNode) Json.parse(send(HttpMethod.PUT, type.path(namespace, name), Json.write(object),
                "application/json"));
    }

    /**
     * Read-modify-write with a retry on conflicts (kubectl may write the same object meanwhile).
     *
     * @return the stored result, or empty when the object is gone
     */
    public Optional<ObjectNode> update(ResourceType type, String namespace, String name, Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectNode> current = get(type, namespace, name);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode changed = current.get().deepCopy();
            change.accept(changed);
            if (changed.equals(current.get())) {
                return current;
            }
            try {
                return Optional.of(replace(type, namespace, name, changed));
            } catch (StoreException e) {
                if (e.code() != 409 || attempt >= 5) {
                    if (e.code() == 404) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
        }
    }

    public boolean delete(ResourceType type, String namespace, String name) {
        MockResponse r = crud.handleDelete(type.path(namespace, name));
        return r.code() < 300;
    }

    /** Sends a request to the CRUD handlers and returns the body, or throws with the HTTP code. */
    public String send(HttpMethod method, String path, String body, String contentType) {
        MockResponse r = crud.dispatch(request(method, path, body, contentType));
        String text = r.getBody() == null ? "" : r.getBody().readUtf8();
        if (r.code() >= 300) {
            throw new StoreException(r.code(), text.isEmpty() ? "HTTP " + r.code() + " for " + method + " " + path : text);
        }
        return text;
    }

    public static RecordedRequest request(HttpMethod method, String path, String body, String contentType) {
        Headers headers = Headers.builder().add("Content-Type", contentType).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer().writeUtf8(body == null ? "" : body));
    }
}
