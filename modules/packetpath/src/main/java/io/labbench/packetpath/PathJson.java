package io.labbench.packetpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path as JSON ({@code labbench path --json}): flow, outcome, hops (machine, kind, stage, object,
 * matched, packet, rewrite, counter with packets and delta), notes. Absent values are left out rather
 * than written as null.
 */
public final class PathJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PathJson() {
    }

    public static String write(PacketPath path, Map<CounterId, Long> deltas) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("from", path.flow().from().label());
        flow.put("to", path.flow().to().label());
        flow.put("protocol", path.flow().protocol());
        if (path.flow().port() > 0) {
            flow.put("port", path.flow().port());
        }
        root.put("flow", flow);
        root.put("outcome", path.outcome().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> hops = new ArrayList<>();
        for (Hop h : path.hops()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("direction", h.direction().name().toLowerCase(java.util.Locale.ROOT));
            m.put("machine", h.machine());
            m.put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("stage", h.stage());
            m.put("object", h.object());
            m.put("matched", h.matched());
            m.put("packet", h.packet());
            h.rewrite().ifPresent(r -> m.put("rewrite", Map.of("field", r.field(), "before", r.before(), "after", r.after())));
            if (!h.choices().isEmpty()) {
                List<Map<String, Object>> choices = new ArrayList<>();
                for (Choice c : h.choices()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("chain", c.chain());
                    cm.put("endpoint", c.endpoint());
                    cm.put("probability", c.probability());
                    c.counter().ifPresent(id -> cm.put("counter", Map.of("machine", id.machine(), "table", id.table(),
                            "chain", id.chain(), "key", id.key())));
                    c.counter().map(deltas::get).filter(d -> d > 0).ifPresent(d -> cm.put("delta", d));
                    cm.put("followed", c.followed());
                    choices.add(cm);
                }
                m.put("choices", choices);
            }
            h.counter().ifPresent(c -> {
                Map<String, Object> counter = new LinkedHashMap<>();
                counter.put("machine", c.machine());
                counter.put("table", c.table());
                counter.put("chain", c.chain());
                counter.put("key", c.key());
                h.packets().ifPresent(p -> counter.put("packets", p));
                Long d = deltas.get(c);
                if (d != null) {
                    counter.put("delta", d);
                }
                m.put("counter", counter);
            });
            if (h.drops()) {
                m.put("drops", true);
            }
            h.unobservable().ifPresent(why -> m.put("unobservable", why));
            if (!h.notes().isEmpty()) {
                m.put("notes", h.notes());
            }
            if (!h.showCommand().isEmpty()) {
                m.put("show", h.showCommand());
            }
            hops.add(m);
        }
        root.put("hops", hops);
        root.put("notes", path.notes());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a path of plain strings and numbers could not be written as JSON", e);
        }
    }
}
