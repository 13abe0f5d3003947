package io.labbench.labmodel.load;

import java.util.regex.Pattern;

/** Replaces variable references by a literal so a regex that uses them can be compiled at load time. */
final class VariableSyntaxProbe {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9_]*}|\\$[A-Za-z][A-Za-z0-9_]*");

    private VariableSyntaxProbe() {
    }

    static String withPlaceholders(String regex) {
        return REFERENCE.matcher(regex).replaceAll("x");
    }
}
