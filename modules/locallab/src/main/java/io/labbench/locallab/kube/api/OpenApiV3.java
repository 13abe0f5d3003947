package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Just enough OpenAPI v3 for kubectl to trust the server with field validation: each resource's PATCH
 * operation lists the {@code fieldValidation} query parameter, so {@code kubectl apply -f} and
 * {@code create -f} skip client-side schema validation (which would need the full schema and fails with
 * "failed to download openapi" without it). No schemas are served; kubectl then computes strategic-merge
 * patches from its built-in types. {@code /openapi/v2} stays 404.
 */
public final class OpenApiV3 {

    private OpenApiV3() {
    }

    public static Optional<String> document(String path, List<ResourceType> types) {
        if (path.equals("/openapi/v3")) {
            ObjectNode root = Json.object();
            ObjectNode paths = root.putObject("paths");
            for (ResourceType t : types) {
                String gv = gvPath(t);
                paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + Integer.toHexString(gv.hashCode()));
            }
            return Optional.of(Json.write(root));
        }
        if (!path.startsWith("/openapi/v3/")) {
            return Optional.empty();
        }
        String gv = path.substring("/openapi/v3/".length());
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.24.11");
        ObjectNode paths = doc.putObject("paths");
        boolean any = false;
        for (ResourceType t : types) {
            if (!gvPath(t).equals(gv)) {
                continue;
            }
            any = true;
            String base = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
            String item = base + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural() + "/{name}";
            ObjectNode patch = paths.putObject(item).putObject("patch");
            patch.put("operationId", "patch" + t.kind());
            patch.putObject("x-kubernetes-group-version-kind").put("group", t.group()).put("version", t.version())
                    .put("kind", t.kind());
            patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                    .putObject("schema").put("type", "string");
            patch.putObject("requestBody").putObject("content").putObject("application/merge-patch+json")
                    .putObject("schema");
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return any ? Optional.of(Json.write(doc)) : Optional.empty();
    }

    private static String gvPath(ResourceType t) {
        return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
    }
}
