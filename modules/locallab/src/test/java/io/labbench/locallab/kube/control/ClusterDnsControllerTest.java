package io.labbench.locallab.kube.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import io.labbench.locallab.spi.ClusterNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the cluster DNS gets from the API, as CoreDNS's kubernetes plugin would answer them. */
class ClusterDnsControllerTest {

    private final Store store = new Store(StandardKinds.registry(), 50);
    private final List<List<ClusterNames.Name>> published = new ArrayList<>();
    private final ClusterDnsController controller = new ClusterDnsController(store, published::add);

    @Test
    void aServiceAnswersItsClusterIpAndAHeadlessOneItsEndpoints() {
        store.create(ResourceCatalog.SERVICES, "default", Json.parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"clusterIP":"100.64.3.4",
                 "ports":[{"port":80}]}}"""));
        store.create(ResourceCatalog.SERVICES, "shop", Json.parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"clusterIP":"None","selector":{"app":"db"},
                 "ports":[{"port":5432}]}}"""));
        store.create(ResourceCatalog.ENDPOINTS, "shop", Json.parse("""
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db"},
                 "subsets":[{"addresses":[{"ip":"172.30.40.5"},{"ip":"172.30.70.9"}],"ports":[{"port":5432}]}]}"""));
        controller.reconcile();
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).containsExactly(
                new ClusterNames.Name("web.default.svc.cluster.local", "100.64.3.4"),
                new ClusterNames.Name("db.shop.svc.cluster.local", "172.30.40.5"),
                new ClusterNames.Name("db.shop.svc.cluster.local", "172.30.70.9"));
    }

    @Test
    void aPodAnswersItsDashedAddressAndNothingIsPublishedTwice() {
        store.create(ResourceCatalog.PODS, "default", Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}"""));
        controller.reconcile();
        assertThat(published.get(0)).isEmpty();
        store.update(ResourceCatalog.PODS, "default", "p",
                pod -> pod.putObject("status").put("phase", "Running").put("podIP", "172.30.46.80"));
        controller.reconcile();
        controller.reconcile();
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).containsExactly(new ClusterNames.Name("172-30-46-80.default.pod.cluster.local", "172.30.46.80"));
    }
}
