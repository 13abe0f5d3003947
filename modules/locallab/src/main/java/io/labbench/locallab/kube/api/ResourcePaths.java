package io.labbench.locallab.kube.api;

/** Builds the REST paths the store and kubectl use. */
public final class ResourcePaths {
    private ResourcePaths() {
    }

    public static String of(String group, String version, String namespace, String plural, String name) {
        StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (!namespace.isEmpty()) {
            b.append("/namespaces/").append(namespace);
        }
        b.append('/').append(plural);
        if (!name.isEmpty()) {
            b.append('/').append(name);
        }
        return b.toString();
    }
}
