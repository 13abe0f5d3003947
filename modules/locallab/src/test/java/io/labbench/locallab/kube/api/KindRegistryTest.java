package io.labbench.locallab.kube.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A kind is one strategy: registered, it is discovered, stored, defaulted, validated and printed. */
class KindRegistryTest {

    /** A made-up kind with one default, one rule and its own column. */
    private static final class WidgetStrategy implements KindStrategy {
        static final ResourceType TYPE = new ResourceType("example.com", "v1", "widgets", "widget", "Widget", true,
                List.of("wd"), List.of(), List.of());

        @Override
        public ResourceType type() {
            return TYPE;
        }

        @Override
        public void prepareForCreate(Store store, String namespace, ObjectNode object) {
            object.with("spec").put("size", object.path("spec").path("size").asInt(1));
        }

        @Override
        public List<String> validate(ObjectNode object) {
            return object.path("spec").path("size").asInt() > 10 ? List.of("spec.size: Invalid value: "
                    + object.path("spec").path("size").asInt() + ": must be no more than 10") : List.of();
        }

        @Override
        public TableSpec table() {
            return new TableSpec(List.of(TableColumn.nameColumn(), TableColumn.integer("Size", "how big")),
                    (o, now) -> List.of(o.path("metadata").path("name").asText(), o.path("spec").path("size").asInt()));
        }
    }

    private final KindRegistry kinds = StandardKinds.registry().with(new WidgetStrategy());
    private final Store store = new Store(kinds);

    private static ObjectNode widget(String name, Integer size) {
        ObjectNode w = Json.object();
        w.putObject("metadata").put("name", name);
        if (size != null) {
            w.putObject("spec").put("size", size);
        }
        return w;
    }

    @Test
    void discoveryListsTheNewKindUnderItsGroup() {
        ResourceCatalog discovery = new ResourceCatalog("127.0.0.1:1", kinds);

        assertThat(discovery.document("/apis").orElseThrow()).contains("\"name\":\"example.com\"");
        assertThat(discovery.document("/apis/example.com/v1").orElseThrow())
                .contains("\"name\":\"widgets\"").contains("\"kind\":\"Widget\"").contains("\"wd\"");
        assertThat(kinds.find("example.com", "widgets")).contains(WidgetStrategy.TYPE);
    }

    @Test
    void admissionRunsItsDefaultsAndValidationAndTheTableIsItsOwn() {
        store.create(ResourceCatalog.NAMESPACES, "", widget("default", null));
        Admission admission = new Admission(store);

        ObjectNode created = admission.create(WidgetStrategy.TYPE, "default", widget("w1", null));
        assertThat(created.path("spec").path("size").asInt()).isEqualTo(1);
        assertThat(created.path("apiVersion").asText()).isEqualTo("example.com/v1");
        assertThatThrownBy(() -> admission.create(WidgetStrategy.TYPE, "default", widget("w2", 11)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(Json.parse(e.getMessage()).path("message").asText())
                            .isEqualTo("Widget.example.com \"w2\" is invalid: spec.size: Invalid value: 11: must be no more than 10");
                });
        String table = Tables.render(kinds.strategy(WidgetStrategy.TYPE).table(), store.list(WidgetStrategy.TYPE, "default"),
                "1", false, Instant.now());
        assertThat(table).contains("\"name\":\"Size\"").contains("\"cells\":[\"w1\",1]");
    }

    @Test
    void aKindCannotHaveTwoStrategies() {
        assertThatThrownBy(() -> kinds.with(new WidgetStrategy())).hasMessageContaining("two strategies for widgets");
    }
}
