package io.labbench.labmodel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code $NAME} or {@code ${NAME}} in a text, at a 0-based offset. */
public record VariableReference(String name, int offset, int length, boolean braced) {

    /** Lab variable names: a letter, then letters, digits and underscores ({@code W1PIP}, {@code MyDomain}). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}|\\$([A-Za-z][A-Za-z0-9_]*)");

    public static List<VariableReference> findIn(String text) {
        List<VariableReference> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            boolean braced = m.group(1) != null;
            found.add(new VariableReference(braced ? m.group(1) : m.group(2), m.start(), m.end() - m.start(), braced));
        }
        return found;
    }
}
