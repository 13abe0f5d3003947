package io.labbench.locallab.kube.api.kinds;

import io.labbench.locallab.kube.api.CoreTables;
import io.labbench.locallab.kube.api.ExtensionTables;
import io.labbench.locallab.kube.api.KindRegistry;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.WorkloadTables;
import java.util.List;

/** The kinds of the local cluster's API server, in discovery order, each with its strategy. */
public final class StandardKinds {
    private StandardKinds() {
    }

    /** A registry with its own {@link ServiceAddresses}: one per API server. */
    public static KindRegistry registry() {
        return new KindRegistry(List.of(
                new PodStrategy(),
                new BasicStrategy(ResourceCatalog.NODES, WorkloadTables.NODES),
                new NamespaceStrategy(),
                new ServiceStrategy(new ServiceAddresses()),
                new EndpointsStrategy(),
                new BasicStrategy(ResourceCatalog.EVENTS, CoreTables.EVENTS),
                new BasicStrategy(ResourceCatalog.LIMIT_RANGES, CoreTables.LIMIT_RANGES),
                new BasicStrategy(ResourceCatalog.CONFIG_MAPS, CoreTables.CONFIG_MAPS),
                new BasicStrategy(ResourceCatalog.SECRETS, CoreTables.SECRETS),
                new BasicStrategy(ResourceCatalog.SERVICE_ACCOUNTS, CoreTables.SERVICE_ACCOUNTS),
                WorkloadStrategy.deployments(),
                WorkloadStrategy.replicaSets(),
                WorkloadStrategy.daemonSets(),
                WorkloadStrategy.statefulSets(),
                new BasicStrategy(ResourceCatalog.LEASES, CoreTables.LEASES),
                new EndpointSliceStrategy(),
                // what add-ons bring (the Load Balancer Controller's CRDs, RBAC and custom resources)
                new BasicStrategy(ExtensionTables.CUSTOM_RESOURCE_DEFINITIONS, ExtensionTables.CRDS),
                new BasicStrategy(ExtensionTables.CLUSTER_ROLES, ExtensionTables.ROLES),
                new BasicStrategy(ExtensionTables.CLUSTER_ROLE_BINDINGS, ExtensionTables.ROLE_BINDINGS),
                new BasicStrategy(ExtensionTables.TARGET_GROUP_BINDINGS, ExtensionTables.TGBS),
                new BasicStrategy(ExtensionTables.INGRESS_CLASS_PARAMS, ExtensionTables.INGRESS_CLASS_PARAMS_TABLE)));
    }
}
