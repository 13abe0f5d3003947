package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Server-side table output ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the same
 * columns, in the same order, as the real API server's printers, so {@code kubectl get} prints the
 * columns learners see on the study's cluster.
 */
public final class Tables {

    private Tables() {
    }

    /** Whether the client asked for a table (kubectl's default printer does). */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /**
     * The table of {@code objects}.
     *
     * @param fullObject {@code includeObject=Object}; otherwise rows carry {@code PartialObjectMetadata}
     */
    public static String render(TableSpec spec, List<? extends JsonNode> objects, String resourceVersion,
                                boolean fullObject, Instant now) {
        return Json.write(table(spec, objects, resourceVersion, fullObject, now, true));
    }

    /** The table as a tree; watch events after the first carry no column definitions, as the real server's. */
    public static ObjectNode table(TableSpec spec, List<? extends JsonNode> objects, String resourceVersion,
                                   boolean fullObject, Instant now, boolean withColumns) {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode cols = table.putArray("columnDefinitions");
        for (TableColumn c : withColumns ? spec.columns() : List.<TableColumn>of()) {
            ObjectNode col = cols.addObject();
            col.put("name", c.name());
            col.put("type", c.type());
            col.put("format", c.format());
            col.put("description", c.description());
            col.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : spec.cells().of(o, now)) {
                if (cell instanceof Integer i) {
                    cells.add(i);
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            if (fullObject) {
                row.set("object", o);
            } else {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", o.path("metadata"));
            }
        }
        return table;
    }
}
