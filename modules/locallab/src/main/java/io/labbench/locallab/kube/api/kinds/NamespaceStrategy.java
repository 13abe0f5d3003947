package io.labbench.locallab.kube.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.CoreTables;
import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.TableSpec;

/** Namespaces: the name label, the {@code kubernetes} finalizer and {@code Active} on create. */
final class NamespaceStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceCatalog.NAMESPACES;
    }

    @Override
    public TableSpec table() {
        return CoreTables.NAMESPACES;
    }

    @Override
    public void prepareForCreate(Store store, String namespace, ObjectNode ns) {
        // the label namespace selectors (NetworkPolicies) rely on
        ns.with("metadata").with("labels").put("kubernetes.io/metadata.name", ns.path("metadata").path("name").asText());
        ns.with("spec").putArray("finalizers").add("kubernetes");
        ns.with("status").put("phase", "Active");
    }
}
