package io.labbench.labmodel.eval;

/** A capture that set its variable, or why it did not. */
public sealed interface CaptureOutcome {
    String variable();

    record Captured(String variable, String value) implements CaptureOutcome {
    }

    record NotCaptured(String variable, String why) implements CaptureOutcome {
    }
}
