package io.labbench.labmodel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces references to the lab's variables. Only names the lab knows (declared or captured) are
 * touched: {@code $HOME} or awk's {@code $2} in a command belong to the shell and stay as written.
 */
public final class VariableSubstituter {
    private final Set<String> labNames;

    public VariableSubstituter(Set<String> labNames) {
        this.labNames = Set.copyOf(labNames);
    }

    /** For commands and plain values: values go in as they are. */
    public Substitution substitute(String text, Map<String, String> values) {
        return replace(text, values, false);
    }

    /** For regexes: values go in quoted, so an IP's dots match only dots. */
    public Substitution substituteInRegex(String text, Map<String, String> values) {
        return replace(text, values, true);
    }

    private Substitution replace(String text, Map<String, String> values, boolean quote) {
        List<String> missing = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = VariableReference.REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!labNames.contains(name)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String value = values.get(name);
            if (value == null || value.isEmpty()) {
                if (!missing.contains(name)) {
                    missing.add(name);
                }
                m.appendReplacement(out, "");
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(quote ? Pattern.quote(value) : value));
        }
        m.appendTail(out);
        return missing.isEmpty() ? new Substitution.Done(out.toString()) : new Substitution.Missing(missing);
    }
}
