package io.labbench.labmodel.load;

import io.labbench.labmodel.eval.VariableReference;
import io.labbench.labmodel.model.VariableDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds references that cannot work: a variable first captured by a later step (and not declared
 * with a default), or an unknown name where no shell could supply it (expect, assert, with, apply,
 * and {@code ${NAME}} anywhere a lab variable was clearly meant but none is declared or captured).
 */
final class VariableUseChecker {
    private final ErrorSink errors;

    VariableUseChecker(ErrorSink errors) {
        this.errors = errors;
    }

    void check(List<VariableUse> uses, List<VariableDecl> declared, Map<String, Integer> firstCapture, List<String> stepOrder) {
        Set<String> declaredNames = declared.stream().map(VariableDecl::name).collect(Collectors.toSet());
        for (VariableUse use : uses) {
            for (VariableReference ref : VariableReference.findIn(use.value())) {
                String name = ref.name();
                int column = Scalars.columnOffset(use.node(), use.value(), ref.offset());
                if (declaredNames.contains(name)) {
                    continue;
                }
                Integer capturedAt = firstCapture.get(name);
                if (capturedAt != null) {
                    if (capturedAt > use.stepIndex()) {
                        errors.at(use.node().getStartMark(), column, "$" + name + " is used in step '" + use.stepId()
                                + "' but first captured in the later step '" + stepOrder.get(capturedAt)
                                + "'; capture it earlier or declare it under variables");
                    }
                    continue;
                }
                if (!use.shell()) {
                    errors.at(use.node().getStartMark(), column, "undefined variable $" + name
                            + "; expected a name declared under variables or captured by this or an earlier step");
                }
            }
        }
    }
}
