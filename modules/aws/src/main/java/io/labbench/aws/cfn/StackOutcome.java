package io.labbench.aws.cfn;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a stack operation ended: its final status, outputs (e.g. the kops-ec2 IP) and failure reasons. */
public record StackOutcome(String stackName, String status, Map<String, String> outputs,
                           List<StackEvent> failures, Duration elapsed) {

    public StackOutcome {
        outputs = Map.copyOf(outputs);
        failures = List.copyOf(failures);
    }

    public boolean succeeded() {
        return status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE") || status.equals("DELETE_COMPLETE");
    }
}
