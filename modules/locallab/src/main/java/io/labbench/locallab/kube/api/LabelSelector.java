package io.labbench.locallab.kube.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code labelSelector} ({@code app=nginx}, {@code tier!=db}, {@code env in (a,b)},
 * {@code !canary}, {@code app}).
 */
public record LabelSelector(List<Requirement> requirements) {

    /** One clause of a selector. */
    public record Requirement(String key, String operator, Set<String> values) {
        boolean matches(JsonNode labels) {
            boolean has = labels.has(key);
            String v = has ? labels.get(key).asText() : null;
            return switch (operator) {
                case "=" -> has && values.contains(v);
                case "!=" -> !has || !values.contains(v);
                case "in" -> has && values.contains(v);
                case "notin" -> !has || !values.contains(v);
                case "exists" -> has;
                case "!" -> !has;
                default -> false;
            };
        }
    }

    private static final Pattern SET = Pattern.compile("\\s*([A-Za-z0-9./_-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern EQ = Pattern.compile("\\s*([A-Za-z0-9./_-]+)\\s*(==|=|!=)\\s*([A-Za-z0-9._-]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([A-Za-z0-9./_-]+)\\s*");

    public static LabelSelector parse(String text) {
        List<Requirement> reqs = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new LabelSelector(reqs);
        }
        for (String clause : splitTopLevel(text)) {
            Matcher m;
            if ((m = SET.matcher(clause)).matches()) {
                Set<String> vals = new java.util.LinkedHashSet<>();
                for (String v : m.group(3).split(",")) {
                    if (!v.isBlank()) {
                        vals.add(v.trim());
                    }
                }
                reqs.add(new Requirement(m.group(1), m.group(2), vals));
            } else if ((m = EQ.matcher(clause)).matches()) {
                reqs.add(new Requirement(m.group(1), m.group(2).equals("!=") ? "!=" : "=", Set.of(m.group(3))));
            } else if ((m = EXISTS.matcher(clause)).matches()) {
                reqs.add(new Requirement(m.group(2), m.group(1).isEmpty() ? "exists" : "!", Set.of()));
            } else {
                throw new BadRequestException("unable to parse requirement: found '" + clause.trim()
                        + "', expected: key=value, key!=value, key in (a,b), key notin (a,b), key or !key");
            }
        }
        return new LabelSelector(reqs);
    }

    /** The selector of {@code spec.selector} ({@code matchLabels} and {@code matchExpressions}). */
    public static LabelSelector of(JsonNode selector) {
        List<Requirement> reqs = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(e ->
                reqs.add(new Requirement(e.getKey(), "=", Set.of(e.getValue().asText()))));
        for (JsonNode expr : selector.path("matchExpressions")) {
            Set<String> vals = new java.util.LinkedHashSet<>();
            expr.path("values").forEach(v -> vals.add(v.asText()));
            String op = switch (expr.path("operator").asText()) {
                case "In" -> "in";
                case "NotIn" -> "notin";
                case "Exists" -> "exists";
                default -> "!";
            };
            reqs.add(new Requirement(expr.path("key").asText(), op, vals));
        }
        return new LabelSelector(reqs);
    }

    public boolean matches(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** The kubectl-style text, e.g. {@code app=nginx}. */
    public String text() {
        List<String> parts = new ArrayList<>();
        for (Requirement r : requirements) {
            parts.add(switch (r.operator()) {
                case "=", "!=" -> r.key() + r.operator() + r.values().iterator().next();
                case "in", "notin" -> r.key() + " " + r.operator() + " (" + String.join(",", r.values()) + ")";
                case "exists" -> r.key();
                default -> "!" + r.key();
            });
        }
        return String.join(",", parts);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
