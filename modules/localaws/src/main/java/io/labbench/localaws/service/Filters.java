package io.labbench.localaws.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N.Name}/{@code Filter.N.Value.M} parameters: a resource matches when, for every
 * filter, one of its values for that name matches one of the filter's values ({@code *} and {@code ?}
 * are wildcards, as in {@code Name=instance-type,Values=c5.*}).
 */
record Filters(Map<String, List<Pattern>> byName) {

    static Filters of(Map<String, String> form) {
        Map<String, List<Pattern>> byName = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("Filter." + i + ".Name"); i++) {
            List<Pattern> values = new ArrayList<>();
            for (int j = 1; form.containsKey("Filter." + i + ".Value." + j); j++) {
                values.add(glob(form.get("Filter." + i + ".Value." + j)));
            }
            byName.put(form.get("Filter." + i + ".Name"), values);
        }
        return new Filters(byName);
    }

    /** {@code InstanceId.1}, {@code InstanceId.2}, … as a list. */
    static List<String> list(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(prefix + "." + i); i++) {
            values.add(form.get(prefix + "." + i));
        }
        return values;
    }

    /** @param fields the resource's values per filter name; a filter on a name it lacks matches nothing */
    boolean matches(Map<String, List<String>> fields) {
        for (Map.Entry<String, List<Pattern>> filter : byName.entrySet()) {
            List<String> values = fields.getOrDefault(filter.getKey(), List.of());
            boolean any = values.stream().anyMatch(v -> filter.getValue().stream().anyMatch(p -> p.matcher(v).matches()));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
