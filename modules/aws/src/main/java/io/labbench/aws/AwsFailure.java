package io.labbench.aws;

/** A checked failure carrying the learner-facing {@link AwsProblem}. */
public class AwsFailure extends Exception {

    private final AwsProblem problem;

    public AwsFailure(AwsProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public AwsProblem problem() {
        return problem;
    }

    /** Runs an SDK call, turning any SDK exception into an {@link AwsFailure}. */
    public static <T> T call(SdkCall<T> call) throws AwsFailure {
        try {
            return call.run();
        } catch (AwsFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AwsFailure(AwsProblems.explain(e), e);
        }
    }

    @FunctionalInterface
    public interface SdkCall<T> {
        T run() throws AwsFailure;
    }
}
