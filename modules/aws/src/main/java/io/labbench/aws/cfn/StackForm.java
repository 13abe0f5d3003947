package io.labbench.aws.cfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates the values a learner typed into the stack form against the template's own constraints,
 * and masks NoEcho values (the study's IAM secret key parameter) wherever values are shown or saved.
 */
public final class StackForm {

    public static final String MASK = "****";
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    private final StackTemplate template;

    public StackForm(StackTemplate template) {
        this.template = template;
    }

    /** Every problem per parameter key; an empty map means the form can be submitted. */
    public Map<String, List<String>> validate(Map<String, String> values) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (TemplateParameter parameter : template.parameters()) {
            String value = values.getOrDefault(parameter.key(), parameter.defaultValue().orElse(""));
            List<String> found = problemsOf(parameter, value);
            if (!found.isEmpty()) {
                problems.put(parameter.key(), found);
            }
        }
        return problems;
    }

    private static List<String> problemsOf(TemplateParameter p, String value) {
        List<String> problems = new ArrayList<>();
        if (value.isEmpty()) {
            if (p.defaultValue().isEmpty()) {
                problems.add(p.isKeyPair() ? "Choose an EC2 key pair of this region." : "A value is required.");
            }
            return problems;
        }
        if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(value)) {
            problems.add("Must be one of " + String.join(", ", p.allowedValues()) + ".");
        }
        p.allowedPattern().ifPresent(pattern -> {
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    problems.add(p.constraintDescription().isEmpty()
                            ? "Must match the pattern " + pattern + "." : p.constraintDescription());
                }
            } catch (PatternSyntaxException e) {
                problems.add("The template's AllowedPattern is not a valid regular expression: " + pattern);
            }
        });
        p.minLength().filter(min -> value.length() < min).ifPresent(min -> problems.add("At least " + min + " characters."));
        p.maxLength().filter(max -> value.length() > max).ifPresent(max -> problems.add("At most " + max + " characters."));
        if (p.isNumber()) {
            try {
                double number = Double.parseDouble(value);
                p.minValue().filter(min -> number < min).ifPresent(min -> problems.add("At least " + trim(min) + "."));
                p.maxValue().filter(max -> number > max).ifPresent(max -> problems.add("At most " + trim(max) + "."));
            } catch (NumberFormatException e) {
                problems.add("Must be a number.");
            }
        }
        if (p.isCidr() && !isCidr(value)) {
            problems.add("Must be an IPv4 range like 203.0.113.7/32.");
        }
        return problems;
    }

    static boolean isCidr(String value) {
        var m = CIDR.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(m.group(5)) <= 32;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The values with NoEcho ones replaced by {@link #MASK}: what may be displayed, logged or exported. */
    public Map<String, String> masked(Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>(values);
        for (TemplateParameter parameter : template.parameters()) {
            if (parameter.noEcho() && shown.containsKey(parameter.key())) {
                shown.put(parameter.key(), MASK);
            }
        }
        return shown;
    }
}
