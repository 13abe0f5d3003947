package io.labbench.aws.cfn;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Creates (or deletes) the study's stack and follows it to the end, streaming new events to a
 * listener. CloudFormation has no push API, so it polls DescribeStackEvents (newest first, paged)
 * and DescribeStacks; an event already seen ends a page walk, so each poll costs one call normally.
 */
public final class StackDeployment {

    private static final Set<String> TERMINAL = Set.of("CREATE_COMPLETE", "CREATE_FAILED", "ROLLBACK_COMPLETE",
            "ROLLBACK_FAILED", "DELETE_COMPLETE", "DELETE_FAILED", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "UPDATE_ROLLBACK_FAILED");

    private final CloudFormationClient cfn;
    private final Duration pollInterval;
    private final Clock clock;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public StackDeployment(CloudFormationClient cfn, Duration pollInterval, Clock clock) {
        this.cfn = cfn;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Stops following the stack (the stack itself goes on in AWS). */
    public void cancel() {
        cancelled.set(true);
    }

    public StackOutcome create(String stackName, String templateBody, Map<String, String> parameters,
                               int resourceCount, StackProgressListener listener) throws AwsFailure {
        List<Parameter> params = parameters.entrySet().stream()
                .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build())
                .toList();
        AwsFailure.call(() -> cfn.createStack(CreateStackRequest.builder()
                .stackName(stackName)
                .templateBody(templateBody)
                .parameters(params)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM)
                .build()));
        return follow(stackName, resourceCount, listener);
    }

    /**
     * Sends CreateStack with a template CloudFormation fetches itself (an S3 HTTPS URL, as the study's
     * console wizard uses) and returns at once; {@link #follow} waits for the result.
     */
    public void startCreateFromUrl(String stackName, String templateUrl, Map<String, String> parameters) throws AwsFailure {
        List<Parameter> params = parameters.entrySet().stream()
                .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build())
                .toList();
        AwsFailure.call(() -> cfn.createStack(CreateStackRequest.builder()
                .stackName(stackName)
                .templateURL(templateUrl)
                .parameters(params)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM)
                .build()));
    }

    /**
     * Deletes the stack and follows it by its stack ID: once deleted, CloudFormation answers "does not
     * exist" for the name but still describes the ID (as DELETE_COMPLETE).
     */
    public StackOutcome delete(String stackName, int resourceCount, StackProgressListener listener) throws AwsFailure {
        String stackId = describe(stackName).stackId();
        AwsFailure.call(() -> cfn.deleteStack(b -> b.stackName(stackName)));
        String followed = stackId == null || stackId.isEmpty() ? stackName : stackId;
        try {
            return follow(followed, resourceCount, listener);
        } catch (AwsFailure e) {
            if (e.problem().kind() == AwsProblem.Kind.NOT_FOUND) {
                return new StackOutcome(stackName, "DELETE_COMPLETE", Map.of(), List.of(), Duration.ZERO);
            }
            throw e;
        }
    }

    /** Follows a stack already in progress until it reaches a terminal status. */
    public StackOutcome follow(String stackName, int resourceCount, StackProgressListener listener) throws AwsFailure {
        Instant start = clock.instant();
        Set<String> seen = new HashSet<>();
        Set<String> finishedResources = new HashSet<>();
        List<StackEvent> failures = new ArrayList<>();
        while (true) {
            for (StackEvent event : newEvents(stackName, seen)) {
                if (event.status().endsWith("_COMPLETE") && !event.logicalId().equals(stackName)) {
                    finishedResources.add(event.logicalId());
                }
                if (event.isFailure()) {
                    failures.add(event);
                }
                listener.onEvent(event);
            }
            Stack stack = describe(stackName);
            String status = stack.stackStatusAsString();
            Duration elapsed = Duration.between(start, clock.instant());
            listener.onProgress(status, Math.min(finishedResources.size(), resourceCount), resourceCount, elapsed);
            if (TERMINAL.contains(status) || cancelled.get()) {
                Map<String, String> outputs = new LinkedHashMap<>();
                for (Output output : stack.outputs()) {
                    outputs.put(output.outputKey(), output.outputValue());
                }
                return new StackOutcome(stackName, status, outputs, failures, elapsed);
            }
            sleep();
        }
    }

    private Stack describe(String stackName) throws AwsFailure {
        List<Stack> stacks = AwsFailure.call(() -> cfn.describeStacks(b -> b.stackName(stackName)).stacks());
        if (stacks.isEmpty()) {
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.NOT_FOUND, "Stack " + stackName + " does not exist",
                    "It may have been deleted already; refresh the cost guard view.", ""), null);
        }
        return stacks.get(0);
    }

    /** New events, oldest first. */
    private List<StackEvent> newEvents(String stackName, Set<String> seen) throws AwsFailure {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeStackEventsResponse response = AwsFailure.call(() ->
                    cfn.describeStackEvents(b -> b.stackName(stackName).nextToken(page)));
            boolean reachedSeen = false;
            for (var e : response.stackEvents()) {
                if (!seen.add(e.eventId())) {
                    reachedSeen = true;
                    break;
                }
                fresh.add(new StackEvent(e.eventId(), e.timestamp(), nz(e.logicalResourceId()), nz(e.resourceType()),
                        nz(e.resourceStatusAsString()), nz(e.resourceStatusReason())));
            }
            token = reachedSeen ? null : response.nextToken();
        } while (token != null);
        java.util.Collections.reverse(fresh);
        return fresh;
    }

    private void sleep() throws AwsFailure {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.OTHER, "Stopped following the stack",
                    "The stack continues in AWS; reopen the CloudFormation step to follow it again.", ""), e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
