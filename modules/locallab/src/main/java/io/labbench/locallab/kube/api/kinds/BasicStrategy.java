package io.labbench.locallab.kube.api.kinds;

import io.labbench.locallab.kube.api.KindStrategy;
import io.labbench.locallab.kube.api.ResourceType;
import io.labbench.locallab.kube.api.TableSpec;

/** A kind the server stores as given, with its own table columns (nodes, events, ConfigMaps, …). */
record BasicStrategy(ResourceType type, TableSpec table) implements KindStrategy {
}
