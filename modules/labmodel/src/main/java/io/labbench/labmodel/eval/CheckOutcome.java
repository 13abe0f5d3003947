package io.labbench.labmodel.eval;

/** Whether a check passed, and why in words the learner can act on. */
public record CheckOutcome(boolean passed, String why) {
    public static CheckOutcome pass(String why) {
        return new CheckOutcome(true, why);
    }

    public static CheckOutcome fail(String why) {
        return new CheckOutcome(false, why);
    }
}
