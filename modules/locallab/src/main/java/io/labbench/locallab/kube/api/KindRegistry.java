package io.labbench.locallab.kube.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kinds the local API server serves, each with its one {@link KindStrategy}. */
public final class KindRegistry {

    private final List<KindStrategy> strategies;
    private final Map<ResourceType, KindStrategy> byType = new HashMap<>();

    public KindRegistry(List<? extends KindStrategy> strategies) {
        this.strategies = List.copyOf(strategies);
        for (KindStrategy s : this.strategies) {
            if (byType.put(s.type(), s) != null) {
                throw new IllegalArgumentException("two strategies for " + s.type().plural());
            }
        }
    }

    /** This registry and one more kind. */
    public KindRegistry with(KindStrategy strategy) {
        List<KindStrategy> more = new java.util.ArrayList<>(strategies);
        more.add(strategy);
        return new KindRegistry(more);
    }

    /** The served types, in discovery order. */
    public List<ResourceType> types() {
        return strategies.stream().map(KindStrategy::type).toList();
    }

    public Optional<ResourceType> find(String group, String plural) {
        return types().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst();
    }

    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return types().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** The strategy of a served type. */
    public KindStrategy strategy(ResourceType type) {
        KindStrategy s = byType.get(type);
        if (s == null) {
            throw new IllegalArgumentException("the local API server does not serve " + type.plural());
        }
        return s;
    }

    /** API groups other than core, each with its (one) version, in discovery order. */
    Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        types().stream().filter(t -> !t.group().isEmpty()).forEach(t -> groups.putIfAbsent(t.group(), t.version()));
        return groups;
    }
}
