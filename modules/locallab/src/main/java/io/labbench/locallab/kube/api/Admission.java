package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What every create passes before it is stored, whoever creates (kubectl or a controller): the
 * namespace must exist, then the kind's {@link KindStrategy} fills in its defaults and validates; an
 * update or patch through the API ({@link #validateUpdate}) passes the same validation, as the real
 * server's {@code ValidateUpdate} does (controllers' own status writes do not come this way). The
 * strategies live in the store's {@link KindRegistry}, so every Admission shares them (and the one
 * ClusterIP/NodePort allocator); an instance holds nothing else.
 */
public final class Admission {

    private final Store store;

    public Admission(Store store) {
        this.store = store;
    }

    /**
     * @return {@code object}, defaulted in place
     * @throws StoreException 404 for a missing namespace, 422 for an invalid object
     */
    public ObjectNode admit(ResourceType type, String namespace, ObjectNode object) {
        ObjectNode meta = object.with("metadata");
        if (type.namespaced()) {
            if (!namespace.isEmpty() && store.get(ResourceCatalog.NAMESPACES, "", namespace).isEmpty()) {
                throw new StoreException(404, Json.status(404, "NotFound", "namespaces \"" + namespace + "\" not found"));
            }
            meta.put("namespace", namespace);
        }
        KindStrategy strategy = store.kinds().strategy(type);
        strategy.prepareForCreate(store, namespace, object);
        List<String> errors = strategy.validate(object);
        if (!errors.isEmpty()) {
            throw Store.invalid(type, Json.text(object, "metadata", "name"), errors);
        }
        return object;
    }

    /**
     * Validates an object a PUT or PATCH is about to store, as on create.
     *
     * @return {@code updated}, unchanged
     * @throws StoreException 422 naming each invalid field
     */
    public ObjectNode validateUpdate(ResourceType type, String name, ObjectNode updated) {
        List<String> errors = store.kinds().strategy(type).validate(updated);
        if (!errors.isEmpty()) {
            throw Store.invalid(type, name, errors);
        }
        return updated;
    }

    /** Admits and stores a new object, as a POST does. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
        return store.create(type, namespace, admit(type, namespace, object));
    }
}
