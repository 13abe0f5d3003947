package io.labbench.labmodel.load;

import org.yaml.snakeyaml.nodes.Node;

/**
 * A text that may reference variables, remembered while reading so references can be checked once
 * the whole lab is known. In a shell command an unknown {@code $NAME} may be the shell's own.
 */
record VariableUse(int stepIndex, String stepId, Node node, String value, boolean shell) {
}
