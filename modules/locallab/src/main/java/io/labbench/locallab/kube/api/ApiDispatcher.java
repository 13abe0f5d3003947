package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers kubectl's requests other than watches (which {@code WatchRouter} streams): discovery and
 * version documents, then resource requests to the {@link Store}, each kind's behaviour taken from its
 * {@link KindStrategy} (defaults and validation through {@link Admission}, tables, graceful deletion),
 * plus strategic merge, scale, logs and exec. Every answer carries {@code Content-Type: application/json},
 * which kubectl needs to decode it.
 */
public final class ApiDispatcher extends Dispatcher {

    private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());

    private final Store store;
    private final ResourceCatalog catalog;
    private final Admission admission;
    private final ExecEndpoint exec;
    private final Runnable onChange;
    private final String versionJson;

    public ApiDispatcher(Store store, ResourceCatalog catalog, ExecEndpoint exec, Runnable onChange,
                         String kubernetesVersion) {
        this.store = store;
        this.catalog = catalog;
        this.admission = new Admission(store);
        this.exec = exec;
        this.onChange = onChange;
        ObjectNode v = Json.object();
        String[] parts = kubernetesVersion.substring(1).split("\\.");
        v.put("major", parts[0]);
        v.put("minor", parts[1]);
        v.put("gitVersion", kubernetesVersion);
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2023-03-01T00:00:00Z");
        v.put("goVersion", "go1.19.6");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        this.versionJson = Json.write(v);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return route(request);
        } catch (BadRequestException e) {
            return json(400, Json.status(400, "BadRequest", e.getMessage()));
        } catch (StoreException e) {
            String body = e.getMessage();
            return json(e.code(), body.startsWith("{") ? body : Json.status(e.code(), reason(e.code()), body));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "local API server failed on " + request.getRequestLine(), e);
            return json(500, Json.status(500, "InternalError", "the local lab's API server failed on "
                    + request.getRequestLine() + ": " + e + " (see the LabBench log)"));
        }
    }

    private MockResponse route(RecordedRequest request) {
        String full = request.getPath();
        String path = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
        if (path.equals("/version")) {
            return json(200, versionJson);
        }
        Optional<String> openApi = OpenApiV3.document(path, store.kinds().types());
        if (openApi.isPresent()) {
            return json(200, openApi.get());
        }
        if (path.startsWith("/openapi") || path.startsWith("/swagger")) {
            return json(404, Json.status(404, "NotFound", "the server could not find the requested resource"));
        }
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
        }
        Optional<String> doc = catalog.document(path);
        if (doc.isPresent()) {
            return json(200, doc.get());
        }
        Optional<ApiPath> parsed = ApiPath.parse(full);
        if (parsed.isEmpty()) {
            return notFoundPath();
        }
        ApiPath p = parsed.get();
        Optional<ResourceType> type = store.kinds().find(p.group(), p.plural());
        if (type.isEmpty() || !type.get().version().equals(p.version())) {
            return notFoundPath();
        }
        ResourceType t = type.get();
        if (!p.subresource().isEmpty()) {
            return subresource(request, t, p);
        }
        return switch (request.method()) {
            case GET -> p.isCollection() ? list(request, t, p) : get(request, t, p);
            case POST -> create(request, t, p);
            case PUT -> changed(json(200, Json.write(store.replace(t, p.namespace(), p.name(),
                    admission.validateUpdate(t, p.name(), (ObjectNode) Json.parse(body(request)))))));
            case PATCH -> changed(json(200, Json.write(patch(t, p, request, true))));
            case DELETE -> delete(request, t, p);
            default -> json(405, Json.status(405, "MethodNotAllowed", request.getMethod() + " is not supported here"));
        };
    }

    /**
     * The request body as JSON text: kubectl's typed commands ({@code create deployment}, …) send
     * protobuf, everything else JSON.
     */
    private static String body(RecordedRequest request) {
        if (ProtobufBody.isProtobuf(request.getHeader("Content-Type"))) {
            return Json.write(ProtobufBody.toJson(request.getBody().getBytes()));
        }
        return request.getUtf8Body();
    }

    private MockResponse list(RecordedRequest request, ResourceType t, ApiPath p) {
        Store.Listing listing = store.listing(t, p.namespace(), LabelSelector.parse(p.param("labelSelector")),
                FieldSelector.parse(p.param("fieldSelector")));
        List<ObjectNode> items = listing.items();
        String rv = Long.toString(listing.revision());
        if (Tables.wanted(request.getHeader("Accept"))) {
            return json(200, Tables.render(table(t), items, rv, p.param("includeObject").equals("Object"), Instant.now()));
        }
        ObjectNode list = Json.object();
        list.put("kind", t.kind() + "List");
        list.put("apiVersion", t.apiVersion());
        list.putObject("metadata").put("resourceVersion", rv);
        ArrayNode arr = list.putArray("items");
        items.forEach(arr::add);
        return json(200, Json.write(list));
    }

    private MockResponse get(RecordedRequest request, ResourceType t, ApiPath p) {
        Optional<ObjectNode> o = store.get(t, p.namespace(), p.name());
        if (o.isEmpty()) {
            return notFound(t, p.name());
        }
        if (Tables.wanted(request.getHeader("Accept"))) {
            return json(200, Tables.render(table(t), List.of(o.get()), Json.text(o.get(), "metadata", "resourceVersion"),
                    p.param("includeObject").equals("Object"), Instant.now()));
        }
        return json(200, Json.write(o.get()));
    }

    private MockResponse create(RecordedRequest request, ResourceType t, ApiPath p) {
        ObjectNode body = (ObjectNode) Json.parse(body(request));
        String name = Json.text(body, "metadata", "name");
        if (name.isEmpty() && !Json.text(body, "metadata", "generateName").isEmpty()) {
            name = Json.text(body, "metadata", "generateName") + NameSuffix.random(5);
            body.with("metadata").put("name", name);
        }
        if (name.isEmpty()) {
            throw new BadRequestException(t.kind() + " \"\" is invalid: metadata.name: Required value: name or generateName is required");
        }
        if (store.get(t, p.namespace(), name).isPresent()) {
            return json(409, statusWithDetails(409, "AlreadyExists", t, name,
                    t.plural() + (t.group().isEmpty() ? "" : "." + t.group()) + " \"" + name + "\" already exists"));
        }
        ObjectNode created = admission.create(t, p.namespace(), body);
        return changed(json(201, Json.write(created)));
    }

    /**
     * A PATCH of the object ({@code validate}: its spec, checked as on create) or of its status
     * subresource (not validated: only status changes).
     */
    private ObjectNode patch(ResourceType t, ApiPath p, RecordedRequest request, boolean validate) {
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (contentType.contains("json-patch")) {
            ObjectNode current = store.get(t, p.namespace(), p.name())
                    .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
            ObjectNode patched = JsonPatch.apply(current, body(request));
            return store.replace(t, p.namespace(), p.name(), validate ? admission.validateUpdate(t, p.name(), patched) : patched);
        }
        if (contentType.contains("apply-patch")) {
            throw new StoreException(415, Json.status(415, "UnsupportedMediaType",
                    "the local lab's API server has no server-side apply; use kubectl apply without --server-side"));
        }
        JsonNode body = Json.parse(body(request));
        boolean pinned = body.path("metadata").has("resourceVersion");
        for (int attempt = 0; ; attempt++) {
            ObjectNode current = store.get(t, p.namespace(), p.name())
                    .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
            ObjectNode patched = StrategicMergePatch.apply(current, body, contentType.contains("strategic"));
            if (validate) {
                admission.validateUpdate(t, p.name(), patched);
            }
            try {
                return store.replace(t, p.namespace(), p.name(), patched);
            } catch (StoreException e) {
                // A controller wrote the object between our read and write; the real API server
                // retries patches the same way unless the client pinned a resourceVersion.
                if (e.code() != 409 || pinned || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private MockResponse delete(RecordedRequest request, ResourceType t, ApiPath p) {
        if (p.isCollection()) {
            int n = 0;
            LabelSelector labels = LabelSelector.parse(p.param("labelSelector"));
            FieldSelector fields = FieldSelector.parse(p.param("fieldSelector"));
            KindStrategy strategy = store.kinds().strategy(t);
            for (ObjectNode o : store.list(t, p.namespace(), labels, fields)) {
                if (strategy.delete(store, o, java.util.OptionalLong.empty()).isPresent()) {
                    n++;
                }
            }
            ObjectNode s = Json.object();
            s.put("kind", "Status").put("apiVersion", "v1").put("status", "Success");
            s.putObject("metadata");
            s.putObject("details").put("kind", t.plural()).put("retryAfterSeconds", n);
            return changed(json(200, Json.write(s)));
        }
        Optional<ObjectNode> existing = store.get(t, p.namespace(), p.name());
        if (existing.isEmpty()) {
            return notFound(t, p.name());
        }
        // e.g. a pod on a node stays, Terminating, until its kubelet has torn its network down
        Optional<ObjectNode> answer = store.kinds().strategy(t).delete(store, existing.get(),
                GracefulDeletion.requestedGrace(p.param("gracePeriodSeconds"), body(request)));
        return answer.isEmpty() ? notFound(t, p.name()) : changed(json(200, Json.write(answer.get())));
    }

    private MockResponse subresource(RecordedRequest request, ResourceType t, ApiPath p) {
        switch (p.subresource()) {
            case "status":
                if (request.method() == HttpMethod.GET) {
                    return get(request, t, p);
                }
                if (request.method() == HttpMethod.PATCH) {
                    return changed(json(200, Json.write(patch(t, p, request, false))));
                }
                if (request.method() == HttpMethod.PUT) {
                    return changed(json(200, Json.write(replaceStatus(t, p, Json.parse(body(request))))));
                }
                return json(405, Json.status(405, "MethodNotAllowed", request.getMethod() + " is not supported on "
                        + t.plural() + "/status"));
            case "scale":
                return scale(request, t, p);
            case "log":
                return logs(t, p);
            case "exec":
            case "attach":
                ObjectNode pod = store.get(t, p.namespace(), p.name())
                        .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
                if (!Json.text(pod, "status", "phase").equals("Running")) {
                    throw new BadRequestException("pod " + p.name() + " does not have a host assigned");
                }
                return exec.upgrade(p, pod);
            default:
                return json(404, Json.status(404, "NotFound", "the local lab's API server does not serve "
                        + t.plural() + "/" + p.subresource()));
        }
    }

    /** PUT on {@code /status}: only the status changes, as the real status subresource does. */
    private ObjectNode replaceStatus(ResourceType t, ApiPath p, JsonNode body) {
        ObjectNode current = store.get(t, p.namespace(), p.name())
                .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
        current.set("status", body.path("status").isMissingNode() ? Json.object() : body.path("status"));
        String rv = Json.text(body, "metadata", "resourceVersion");
        if (!rv.isEmpty()) {
            current.with("metadata").put("resourceVersion", rv);
        }
        return store.replace(t, p.namespace(), p.name(), current);
    }

    private TableSpec table(ResourceType t) {
        return store.kinds().strategy(t).table();
    }

    private MockResponse scale(RecordedRequest request, ResourceType t, ApiPath p) {
        ObjectNode target = store.get(t, p.namespace(), p.name())
                .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
        if (request.method() == HttpMethod.PATCH || request.method() == HttpMethod.PUT) {
            JsonNode body = Json.parse(body(request));
            JsonNode replicas = body.path("spec").path("replicas");
            if (!replicas.isInt() || replicas.asInt() < 0) {
                throw new BadRequestException("Scale.autoscaling \"" + p.name()
                        + "\" is invalid: spec.replicas: expected a non-negative integer");
            }
            target = store.update(t, p.namespace(), p.name(), o -> o.with("spec").put("replicas", replicas.asInt()))
                    .orElse(target);
            onChange.run();
        }
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        meta.put("name", p.name());
        meta.put("namespace", p.namespace());
        meta.set("uid", target.path("metadata").path("uid"));
        meta.set("resourceVersion", target.path("metadata").path("resourceVersion"));
        meta.set("creationTimestamp", target.path("metadata").path("creationTimestamp"));
        scale.putObject("spec").put("replicas", target.path("spec").path("replicas").asInt());
        ObjectNode status = scale.putObject("status");
        status.put("replicas", target.path("status").path("replicas").asInt());
        status.put("selector", LabelSelector.of(target.path("spec").path("selector")).text());
        return json(200, Json.write(scale));
    }

    private MockResponse logs(ResourceType t, ApiPath p) {
        ObjectNode pod = store.get(t, p.namespace(), p.name())
                .orElseThrow(() -> new StoreException(404, notFoundBody(t, p.name())));
        JsonNode container = loggedContainer(pod, p);
        boolean previous = p.param("previous").equals("true");
        String text = exec.logs(pod, container.path("name").asText(), previous).orElseGet(() -> PodLogs.of(pod, container));
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                .setBody(PodLogs.tail(text, p.param("tailLines")));
    }

    /**
     * A {@code kubectl logs -f} of a container whose output is a real, growing file: that file and
     * whether its run goes on. Empty when the request is anything else (an error, {@code --previous}, a
     * container no runtime runs): {@link #dispatch} then answers it in full, as without {@code -f}.
     */
    public Optional<ExecEndpoint.LiveLog> liveLog(ApiPath p) {
        if (!p.plural().equals("pods") || !p.subresource().equals("log") || p.param("previous").equals("true")) {
            return Optional.empty();
        }
        try {
            Optional<ObjectNode> pod = store.get(ResourceCatalog.PODS, p.namespace(), p.name());
            return pod.flatMap(o -> exec.liveLog(o, loggedContainer(o, p).path("name").asText()));
        } catch (BadRequestException e) {
            return Optional.empty();
        }
    }

    /** The container a log request names (or the pod's only one), once the pod runs; 400 otherwise, as the API server says. */
    private static JsonNode loggedContainer(ObjectNode pod, ApiPath p) {
        String wanted = p.param("container");
        JsonNode containers = pod.path("spec").path("containers");
        JsonNode container = containers.path(0);
        if (!wanted.isEmpty()) {
            container = null;
            for (JsonNode c : containers) {
                if (c.path("name").asText().equals(wanted)) {
                    container = c;
                }
            }
            if (container == null) {
                throw new BadRequestException("container " + wanted + " is not valid for pod " + p.name());
            }
        } else if (containers.size() > 1) {
            List<String> names = new ArrayList<>();
            containers.forEach(c -> names.add(c.path("name").asText()));
            throw new BadRequestException("a container name must be specified for pod " + p.name()
                    + ", choose one of: [" + String.join(" ", names) + "]");
        }
        // as the kubelet decides: a container that ran (now running, ended, or waiting after a run) has logs
        String name = container.path("name").asText();
        JsonNode status = Json.object();
        for (JsonNode cs : pod.path("status").path("containerStatuses")) {
            if (cs.path("name").asText().equals(name)) {
                status = cs;
            }
        }
        boolean ranBefore = status.path("lastState").has("terminated");
        JsonNode state = status.path("state");
        if (!state.has("running") && !state.has("terminated") && !ranBefore) {
            throw new BadRequestException("container \"" + name + "\" in pod \"" + p.name() + "\" is waiting to start: "
                    + state.path("waiting").path("reason").asText("ContainerCreating"));
        }
        return container;
    }

    private MockResponse changed(MockResponse response) {
        onChange.run();
        return response;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse notFoundPath() {
        return json(404, Json.status(404, "NotFound", "the server could not find the requested resource"));
    }

    private static MockResponse notFound(ResourceType t, String name) {
        return json(404, notFoundBody(t, name));
    }

    private static String notFoundBody(ResourceType t, String name) {
        return statusWithDetails(404, "NotFound", t, name,
                t.plural() + (t.group().isEmpty() ? "" : "." + t.group()) + " \"" + name + "\" not found");
    }

    private static String statusWithDetails(int code, String reason, ResourceType t, String name, String message) {
        ObjectNode s = (ObjectNode) Json.parse(Json.status(code, reason, message));
        ObjectNode details = s.putObject("details");
        details.put("name", name);
        if (!t.group().isEmpty()) {
            details.put("group", t.group());
        }
        details.put("kind", t.plural());
        return Json.write(s);
    }

    private static String reason(int code) {
        return switch (code) {
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            default -> "BadRequest";
        };
    }
}
