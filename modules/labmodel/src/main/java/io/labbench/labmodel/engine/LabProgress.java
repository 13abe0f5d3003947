package io.labbench.labmodel.engine;

import java.util.Map;

/** A learner's whole progress through one lab: the values they set or captured, and each step's state. */
public record LabProgress(String labId, Map<String, String> variables, Map<String, StepProgress> steps) {
    public LabProgress {
        variables = Map.copyOf(variables);
        steps = Map.copyOf(steps);
    }
}
