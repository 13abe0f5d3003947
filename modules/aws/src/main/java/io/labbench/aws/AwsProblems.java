package io.labbench.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns SDK exceptions into {@link AwsProblem}s. The messages never include credentials: the SDK's
 * own messages do not carry secret keys, and we only quote the error code and AWS's message.
 */
public final class AwsProblems {

    private AwsProblems() {
    }

    public static AwsProblem explain(Throwable failure) {
        if (failure instanceof AwsFailure known) {
            return known.problem();
        }
        if (failure instanceof AwsServiceException service) {
            return explainService(service);
        }
        if (failure instanceof SdkClientException client) {
            String message = String.valueOf(client.getMessage());
            if (message.contains("Unable to load credentials") || message.contains("credentials")) {
                return new AwsProblem(AwsProblem.Kind.NO_CREDENTIALS,
                        "No AWS credentials were found",
                        "Configure them outside LabBench (`aws configure`, `aws sso login`, or AWS_PROFILE), choose the profile in the workspace settings, and try again.",
                        "");
            }
            return new AwsProblem(AwsProblem.Kind.NETWORK, "Could not reach AWS: " + firstLine(message),
                    "Check the network connection and the region, then try again.", "");
        }
        return new AwsProblem(AwsProblem.Kind.OTHER, "Unexpected error: " + firstLine(String.valueOf(failure.getMessage())),
                "Try again; if it keeps failing, copy the details into an issue.", "");
    }

    private static AwsProblem explainService(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String awsMessage = e.awsErrorDetails() == null ? firstLine(String.valueOf(e.getMessage()))
                : firstLine(String.valueOf(e.awsErrorDetails().errorMessage()));
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.contains("expired")) {
            return new AwsProblem(AwsProblem.Kind.EXPIRED_CREDENTIALS, "Your AWS credentials have expired",
                    "Refresh them (e.g. `aws sso login`, or new temporary keys from your administrator) and try again.", code);
        }
        if (lower.contains("invalidclienttokenid") || lower.contains("signaturedoesnotmatch") || lower.contains("unrecognizedclient")) {
            return new AwsProblem(AwsProblem.Kind.NO_CREDENTIALS, "AWS does not recognise these credentials",
                    "Check the access key of the chosen profile (it may be deleted or mistyped) and try again.", code);
        }
        if (lower.contains("accessdenied") || lower.contains("unauthorized") || e.statusCode() == 403) {
            return new AwsProblem(AwsProblem.Kind.ACCESS_DENIED, "AWS refused the request: " + awsMessage,
                    "The identity in use lacks this permission. Use a profile with the study's permissions (the study uses an administrator user) and try again.", code);
        }
        if (lower.contains("throttl") || lower.contains("requestlimitexceeded") || e.statusCode() == 429) {
            return new AwsProblem(AwsProblem.Kind.THROTTLED, "AWS is throttling requests",
                    "Wait a few seconds; LabBench retries with back-off. Lower the refresh rate of live views if it persists.", code);
        }
        if (lower.contains("notfound") || lower.contains("nosuch") || e.statusCode() == 404
                || awsMessage.contains("does not exist")) {
            return new AwsProblem(AwsProblem.Kind.NOT_FOUND, "Not found: " + awsMessage,
                    "Check the name and the region (the study uses us-east-1).", code);
        }
        if (lower.contains("validation") || lower.contains("invalid")) {
            return new AwsProblem(AwsProblem.Kind.INVALID_INPUT, "AWS rejected the input: " + awsMessage,
                    "Correct the highlighted field and try again.", code);
        }
        return new AwsProblem(AwsProblem.Kind.OTHER, "AWS error: " + awsMessage, "Try again; the AWS error code below says more.", code);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
