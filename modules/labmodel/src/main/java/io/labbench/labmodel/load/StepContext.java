package io.labbench.labmodel.load;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** What the readers of one step's parts share: where errors go and where variable uses are noted. */
record StepContext(Scalars scalars, int stepIndex, String stepId, List<VariableUse> uses,
                   Map<String, Integer> firstCapture) {

    void use(Node node, String value, boolean shell) {
        uses.add(new VariableUse(stepIndex, stepId, node, value, shell));
    }

    ErrorSink errors() {
        return scalars.errors();
    }
}
