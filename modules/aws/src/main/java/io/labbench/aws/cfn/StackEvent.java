package io.labbench.aws.cfn;

import java.time.Instant;

/** One line of the stack's event stream, as the console's Events tab shows it. */
public record StackEvent(String eventId, Instant timestamp, String logicalId, String resourceType,
                         String status, String reason) {

    public boolean isFailure() {
        return status.endsWith("_FAILED");
    }
}
