package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsReply;
import java.util.List;

/** The answer to a call the lab does not emulate: AWS's shape, naming what the local lab does support. */
final class Unsupported {

    private Unsupported() {
    }

    static AwsReply call(AwsErrors.Shape shape, String service, String operation, List<String> supported) {
        String code = shape == AwsErrors.Shape.EC2 ? "UnsupportedOperation" : "InvalidAction";
        return AwsErrors.error(shape, 400, code, "The local lab's " + service + " does not emulate " + operation
                + "; it supports " + String.join(", ", supported) + ".");
    }
}
