package io.labbench.localaws;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * AWS's error envelopes, one per protocol family: EC2's {@code <Response><Errors>}, the query
 * services' {@code <ErrorResponse>}, S3's bare {@code <Error>}, Route 53's namespaced
 * {@code <ErrorResponse>} and the JSON services' {@code __type}. SDKs and the CLI read the code and
 * message from exactly these shapes, so a refusal reads like AWS's own.
 */
public final class AwsErrors {

    /** How a service frames its errors. */
    public enum Shape { EC2, QUERY, S3, ROUTE53, JSON }

    private AwsErrors() {
    }

    public static Shape shapeOf(String service) {
        return switch (service) {
            case "ec2" -> Shape.EC2;
            case "s3" -> Shape.S3;
            case "route53" -> Shape.ROUTE53;
            case "acm" -> Shape.JSON;
            default -> Shape.QUERY;
        };
    }

    public static AwsReply error(Shape shape, int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (shape) {
            case EC2 -> reply(status, "text/xml", Xml.document().open("Response").open("Errors").open("Error")
                    .el("Code", code).el("Message", message).close("Error").close("Errors").el("RequestID", requestId)
                    .close("Response").toString(), requestId);
            case S3 -> reply(status, "application/xml", Xml.document().open("Error").el("Code", code).el("Message", message)
                    .el("RequestId", requestId).close("Error").toString(), requestId);
            case ROUTE53 -> reply(status, "text/xml", Xml.document().open("ErrorResponse", "https://route53.amazonaws.com/doc/2013-04-01/")
                    .open("Error").el("Type", "Sender").el("Code", code).el("Message", message).close("Error")
                    .el("RequestId", requestId).close("ErrorResponse").toString(), requestId);
            case QUERY -> reply(status, "text/xml", Xml.document().open("ErrorResponse").open("Error").el("Type", "Sender")
                    .el("Code", code).el("Message", message).close("Error").el("RequestId", requestId)
                    .close("ErrorResponse").toString(), requestId);
            case JSON -> new AwsReply(status, "application/x-amz-json-1.1", Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", code),
                    ("{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static AwsReply reply(int status, String type, String body, String requestId) {
        return new AwsReply(status, type, Map.of("x-amzn-RequestId", requestId), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A signature problem in the service's own words (EC2, S3 and the query services name them differently). */
    public static AwsReply refused(SigV4Verifier.Refused refused, Shape shape) {
        return switch (refused.reason()) {
            case MISSING -> shape == Shape.S3 ? error(shape, 403, "AccessDenied", "Access Denied (the local lab's endpoint accepts only requests signed with the lab's credentials)")
                    : error(shape, shape == Shape.EC2 ? 401 : 403, "MissingAuthenticationToken", refused.detail());
            case UNKNOWN_KEY -> switch (shape) {
                case EC2 -> error(shape, 401, "AuthFailure", "AWS was not able to validate the provided access credentials");
                case S3 -> error(shape, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
                default -> error(shape, 403, "InvalidClientTokenId", refused.detail());
            };
            case BAD_SIGNATURE, EXPIRED -> error(shape, 403, "SignatureDoesNotMatch", refused.detail());
            case MALFORMED -> error(shape, 400, "IncompleteSignature", refused.detail());
        };
    }
}
