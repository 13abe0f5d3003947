package io.labbench.labmodel.engine;

/** Where the learner is with a step. */
public enum StepStatus {
    NOT_STARTED, STARTED, DONE, CHECK_PASSED, FAILED, SKIPPED;

    /** Whether the step counts as finished for the notebook export. */
    public boolean finished() {
        return this == DONE || this == CHECK_PASSED || this == FAILED;
    }
}
