package io.labbench.locallab.kube.api;

import java.util.List;

/**
 * A resource the local API server serves, as discovery describes it.
 *
 * @param subresources e.g. {@code status}, {@code scale}, {@code log}, {@code exec}
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           List<String> subresources) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The path of the collection in a namespace ("" for all namespaces or cluster-scoped). */
    public String path(String namespace, String name) {
        return ResourcePaths.of(group, version, namespaced ? namespace : "", plural, name);
    }
}
