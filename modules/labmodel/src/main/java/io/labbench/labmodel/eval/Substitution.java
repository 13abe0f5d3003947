package io.labbench.labmodel.eval;

import java.util.List;

/** The text with variables replaced, or the variables that have no value yet. */
public sealed interface Substitution {

    record Done(String text) implements Substitution {
    }

    record Missing(List<String> names) implements Substitution {
        public Missing {
            names = List.copyOf(names);
        }

        public String message() {
            return "set " + String.join(", ", names.stream().map(n -> "$" + n).toList())
                    + " first (variables panel, or run the step that captures "
                    + (names.size() == 1 ? "it" : "them") + ")";
        }
    }
}
