package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code fieldSelector} such as kubectl describe sends: {@code spec.nodeName=x,status.phase!=Failed},
 * {@code involvedObject.name=pod-1,involvedObject.uid=…}, {@code metadata.name=pod-1}.
 */
public record FieldSelector(List<Clause> clauses) {

    /** {@code path (=|!=) value}. */
    public record Clause(String[] path, boolean equal, String value) {
        boolean matches(JsonNode object) {
            JsonNode at = object;
            for (String p : path) {
                at = at.path(p);
            }
            String actual = at.isValueNode() ? at.asText() : "";
            return equal == actual.equals(value);
        }
    }

    public static FieldSelector parse(String text) {
        List<Clause> clauses = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String c : text.split(",")) {
                int ne = c.indexOf("!=");
                int eq = c.indexOf('=');
                if (eq < 0) {
                    throw new BadRequestException("invalid field selector '" + c + "': expected field=value or field!=value");
                }
                boolean equal = ne < 0;
                String field = equal ? c.substring(0, eq) : c.substring(0, ne);
                String value = c.substring(equal ? (c.startsWith("==", eq) ? eq + 2 : eq + 1) : ne + 2);
                clauses.add(new Clause(field.trim().split("\\."), equal, value.trim()));
            }
        }
        return new FieldSelector(clauses);
    }

    public boolean matches(JsonNode object) {
        return clauses.stream().allMatch(c -> c.matches(object));
    }
}
