package io.labbench.netparse.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.WatchScreenResult;
import io.labbench.netparse.model.WatchSection;
import io.labbench.netparse.snapshot.SnapshotDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Renders results and diffs as the JSON of {@code labbench parse --json}: one object with {@code kind},
 * {@code diagnostics} and the result's own fields. Text not printed by the tool (empty strings) and absent
 * numbers are left out; lists are always present.
 */
public final class ParseResultJson {
    private static final ObjectMapper MAPPER = createMapper();

    private ParseResultJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toTree(ParseResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", result.kind().cliName());
        node.set("diagnostics", MAPPER.valueToTree(result.diagnostics()));
        ObjectNode fields = MAPPER.valueToTree(result);
        fields.remove("kind");
        fields.remove("diagnostics");
        if (result instanceof WatchScreenResult w) {
            fields.remove("sections");
            var sections = MAPPER.createArrayNode();
            for (WatchSection s : w.sections()) {
                ObjectNode sn = MAPPER.createObjectNode();
                if (!s.title().isEmpty()) {
                    sn.put("title", s.title());
                }
                sn.put("firstLine", s.firstLine());
                sn.put("lastLine", s.lastLine());
                sn.setAll(toTree(s.result()));
                sections.add(sn);
            }
            fields.set("sections", sections);
        }
        node.setAll(fields);
        return node;
    }

    public static String toJson(ParseResult result) {
        return write(toTree(result));
    }

    public static String toJson(SnapshotDiff diff) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("intervalSeconds", diff.interval().toNanos() / 1e9);
        node.set("added", MAPPER.valueToTree(diff.added()));
        node.set("removed", MAPPER.valueToTree(diff.removed()));
        var changed = MAPPER.createArrayNode();
        for (var c : diff.changed()) {
            ObjectNode cn = MAPPER.createObjectNode();
            cn.put("key", c.key());
            cn.set("cells", MAPPER.valueToTree(c.cells()));
            cn.set("counters", MAPPER.valueToTree(c.counters()));
            changed.add(cn);
        }
        node.set("changed", changed);
        return write(node);
    }

    private static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper createMapper() {
        SimpleModule optionals = new SimpleModule("optional-numbers");
        optionals.addSerializer(OptionalInt.class, new JsonSerializer<>() {
            @Override
            public void serialize(OptionalInt v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsInt());
                } else {
                    g.writeNull();
                }
            }

            @Override
            public boolean isEmpty(SerializerProvider p, OptionalInt v) {
                return v == null || v.isEmpty();
            }
        });
        optionals.addSerializer(OptionalLong.class, new JsonSerializer<>() {
            @Override
            public void serialize(OptionalLong v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsLong());
                } else {
                    g.writeNull();
                }
            }

            @Override
            public boolean isEmpty(SerializerProvider p, OptionalLong v) {
                return v == null || v.isEmpty();
            }
        });
        ObjectMapper m = new ObjectMapper().registerModule(optionals);
        m.configOverride(String.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        m.configOverride(OptionalInt.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        m.configOverride(OptionalLong.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return m;
    }
}
