package io.labbench.aws;

/**
 * A failed AWS call as the learner should see it: what happened, and what to do next.
 *
 * @param kind      a closed set the UI can style (credentials problems are not the learner's code's fault)
 * @param summary   one line, e.g. "Your AWS session token has expired"
 * @param nextStep  what to do, e.g. "Run `aws sso login --profile study` and press Retry"
 * @param awsCode   the error code AWS returned (ExpiredToken, AccessDenied, Throttling…), or empty
 */
public record AwsProblem(Kind kind, String summary, String nextStep, String awsCode) {

    public enum Kind { NO_CREDENTIALS, EXPIRED_CREDENTIALS, ACCESS_DENIED, THROTTLED, NOT_FOUND, INVALID_INPUT, STACK_FAILED, NETWORK, OTHER }

    @Override
    public String toString() {
        return summary + " — " + nextStep + (awsCode.isEmpty() ? "" : " (AWS error code: " + awsCode + ")");
    }
}
