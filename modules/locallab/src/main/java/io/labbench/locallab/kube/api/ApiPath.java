package io.labbench.locallab.kube.api;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource request path taken apart: {@code /api/v1/namespaces/default/pods/pod-1/exec?command=…}.
 *
 * @param group       "" for the core group
 * @param namespace   "" when cluster-wide or cluster-scoped
 * @param name        "" for collections
 * @param subresource "" or e.g. {@code status}, {@code scale}, {@code log}, {@code exec}
 * @param query       decoded query parameters; repeated ones (exec's {@code command}) keep all values
 */
public record ApiPath(String group, String version, String namespace, String plural, String name,
                      String subresource, Map<String, List<String>> query) {

    /** Parses a resource path; empty for discovery and other non-resource paths. */
    public static Optional<ApiPath> parse(String rawPath) {
        URI uri = URI.create(rawPath);
        String[] s = uri.getRawPath().replaceAll("/+$", "").split("/");
        int i;
        String group;
        String version;
        if (s.length >= 3 && s[1].equals("api")) {
            group = "";
            version = s[2];
            i = 3;
        } else if (s.length >= 4 && s[1].equals("apis")) {
            group = s[2];
            version = s[3];
            i = 4;
        } else {
            return Optional.empty();
        }
        if (i >= s.length) {
            return Optional.empty();
        }
        String namespace = "";
        if (s[i].equals("namespaces") && s.length > i + 2) {
            namespace = s[i + 1];
            i += 2;
        }
        String plural = s[i];
        String name = s.length > i + 1 ? s[i + 1] : "";
        String sub = s.length > i + 2 ? s[i + 2] : "";
        return Optional.of(new ApiPath(group, version, namespace, plural, name, sub, query(uri.getRawQuery())));
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
        }
        return q;
    }

    public String param(String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    public List<String> params(String key) {
        return query.getOrDefault(key, List.of());
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The store path of this object (or collection), without subresource or query. */
    public String storePath() {
        return ResourcePaths.of(group, version, namespace, plural, name);
    }

    public boolean isCollection() {
        return name.isEmpty();
    }
}
