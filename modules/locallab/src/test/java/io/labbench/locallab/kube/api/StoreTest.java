package io.labbench.locallab.kube.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store keeps resourceVersions, selectors and watch history as a real API server does. */
class StoreTest {

    private final Store store = new Store(StandardKinds.registry(), 50);

    private static ObjectNode pod(String name, String node, String app) {
        ObjectNode p = Json.object();
        p.putObject("metadata").put("name", name).putObject("labels").put("app", app);
        p.putObject("spec").put("nodeName", node).putArray("containers").addObject().put("name", "c").put("image", "nginx");
        return p;
    }

    private static long rv(ObjectNode o) {
        return Long.parseLong(o.path("metadata").path("resourceVersion").asText());
    }

    @Test
    void everyWriteTakesTheNextResourceVersionAndAListCarriesTheLatest() {
        ObjectNode a = store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        ObjectNode b = store.create(ResourceCatalog.PODS, "default", pod("b", "n1", "web"));
        ObjectNode a2 = store.update(ResourceCatalog.PODS, "default", "a", o -> o.with("status").put("phase", "Running")).orElseThrow();

        assertThat(rv(b)).isGreaterThan(rv(a));
        assertThat(rv(a2)).isGreaterThan(rv(b));
        assertThat(a2.path("metadata").path("uid")).isEqualTo(a.path("metadata").path("uid"));
        assertThat(a2.path("metadata").path("generation").asInt()).as("status only: same generation").isEqualTo(1);
        assertThat(store.listing(ResourceCatalog.PODS, "", LabelSelector.parse(""), FieldSelector.parse("")).revision())
                .isEqualTo(rv(a2));
    }

    @Test
    void aStaleResourceVersionIsAConflictAndASpecChangeANewGeneration() {
        ObjectNode a = store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        store.update(ResourceCatalog.PODS, "default", "a", o -> o.with("spec").put("nodeName", "n2"));

        assertThat(store.get(ResourceCatalog.PODS, "default", "a").orElseThrow().path("metadata").path("generation").asInt())
                .isEqualTo(2);
        assertThatThrownBy(() -> store.replace(ResourceCatalog.PODS, "default", "a", a))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("the object has been modified");
    }

    @Test
    void selectorsReadTheIndexesAndFollowChanges() {
        store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        store.create(ResourceCatalog.PODS, "default", pod("b", "n2", "web"));
        store.create(ResourceCatalog.PODS, "other", pod("c", "n1", "db"));
        store.update(ResourceCatalog.PODS, "default", "b", o -> o.with("spec").put("nodeName", "n1"));

        assertThat(names(store.list(ResourceCatalog.PODS, "", LabelSelector.parse(""), FieldSelector.parse("spec.nodeName=n1"))))
                .containsExactly("a", "b", "c");
        assertThat(names(store.list(ResourceCatalog.PODS, "", LabelSelector.parse(""), FieldSelector.parse("spec.nodeName=n2"))))
                .isEmpty();
        assertThat(names(store.list(ResourceCatalog.PODS, "default", LabelSelector.parse("app=web"), FieldSelector.parse(""))))
                .containsExactly("a", "b");
        assertThat(names(store.list(ResourceCatalog.PODS, "", LabelSelector.parse("app in (db),app!=web"), FieldSelector.parse(""))))
                .containsExactly("c");
        store.delete(ResourceCatalog.PODS, "default", "a");
        assertThat(names(store.list(ResourceCatalog.PODS, "", LabelSelector.parse("app=web"), FieldSelector.parse(""))))
                .containsExactly("b");
    }

    @Test
    void aWatchFromAResourceVersionReplaysWhatCameAfterIt() {
        store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        long listed = store.revision();
        store.create(ResourceCatalog.PODS, "default", pod("b", "n1", "web"));
        store.update(ResourceCatalog.PODS, "default", "a", o -> o.with("metadata").with("labels").put("app", "db"));
        store.delete(ResourceCatalog.PODS, "default", "b");

        WatchFeed feed = WatchFeed.open(store, "/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb&resourceVersion="
                + listed, "application/json").orElseThrow();
        List<String> lines = feed.poll();

        // a leaves the selector (DELETED for this watch), b comes and goes
        assertThat(lines).extracting(l -> Json.parse(l).path("type").asText() + " " + Json.parse(l).path("object")
                .path("metadata").path("name").asText()).containsExactly("ADDED b", "DELETED a", "DELETED b");
        assertThat(feed.poll()).isEmpty();
    }

    @Test
    void aWatchWithoutResourceVersionStartsWithEveryObject() {
        store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        WatchFeed feed = WatchFeed.open(store, "/api/v1/pods?watch=1", null).orElseThrow();
        store.create(ResourceCatalog.PODS, "default", pod("b", "n1", "web"));

        assertThat(feed.poll()).extracting(l -> Json.parse(l).path("type").asText()).containsExactly("ADDED", "ADDED");
    }

    @Test
    void aWatchFromAResourceVersionTheLogNoLongerHoldsIsGone() {
        store.create(ResourceCatalog.PODS, "default", pod("a", "n1", "web"));
        long old = store.revision();
        for (int i = 0; i < 60; i++) {
            store.update(ResourceCatalog.PODS, "default", "a", o -> o.with("status").put("n", o.path("status").path("n").asInt() + 1));
        }
        WatchFeed feed = WatchFeed.open(store, "/api/v1/pods?watch=true&resourceVersion=" + old, null).orElseThrow();

        List<String> lines = feed.poll();
        assertThat(lines).hasSize(1);
        assertThat(Json.parse(lines.get(0)).path("type").asText()).isEqualTo("ERROR");
        assertThat(Json.parse(lines.get(0)).path("object").path("code").asInt()).isEqualTo(410);
        assertThat(feed.ended()).isTrue();
    }

    @Test
    void anObjectWithAFinalizerStaysMarkedUntilTheLastFinalizerGoes() {
        ObjectNode p = pod("a", "n1", "web");
        p.with("metadata").putArray("finalizers").add("example.com/hold");
        store.create(ResourceCatalog.PODS, "default", p);

        assertThat(store.delete(ResourceCatalog.PODS, "default", "a")).isTrue();
        assertThat(store.get(ResourceCatalog.PODS, "default", "a").orElseThrow().path("metadata").has("deletionTimestamp")).isTrue();
        store.update(ResourceCatalog.PODS, "default", "a", o -> o.with("metadata").remove("finalizers"));
        assertThat(store.get(ResourceCatalog.PODS, "default", "a")).isEmpty();
    }

    private static List<String> names(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("metadata").path("name").asText()).toList();
    }
}
