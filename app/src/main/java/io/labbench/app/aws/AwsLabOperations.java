package io.labbench.app.aws;

import io.labbench.app.shell.LabOperations;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cfn.StackEvent;
import io.labbench.aws.cfn.StackOutcome;
import io.labbench.aws.cfn.StackProgressListener;
import io.labbench.aws.s3.StateBucketService;
import io.labbench.sessions.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The AWS operations of the PKOS week-2 lab file:
 * <ul>
 *   <li>{@code aws.s3.create-bucket} with {@code bucket}, {@code region}: the kOps state store (an
 *       existing bucket of the learner's counts as done);</li>
 *   <li>{@code aws.cloudformation.create-stack} with {@code stackName}, {@code region},
 *       {@code templateUrl} and {@code param.<Name>} values: sends CreateStack and returns;</li>
 *   <li>{@code aws.cloudformation.wait-stack} with {@code stackName}, {@code region}: follows the stack
 *       to its end (creation or deletion), and on CREATE_COMPLETE makes its kops-ec2 output the
 *       {@code kops-ec2} endpoint.</li>
 * </ul>
 * Parameter values (the study's template takes an IAM secret key) go to CloudFormation only; no
 * summary, progress line or error message quotes them.
 */
public final class AwsLabOperations implements LabOperations {

    public static final String CREATE_BUCKET = "aws.s3.create-bucket";
    public static final String CREATE_STACK = "aws.cloudformation.create-stack";
    public static final String WAIT_STACK = "aws.cloudformation.wait-stack";
    private static final Pattern UNEXPANDED = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, AwsClientFactory> clientsForRegion;
    private final Executor executor;
    private final Consumer<UnaryOperator<Workspace>> workspaceEdits;
    private final Duration pollInterval;

    /**
     * @param clientsForRegion the SDK clients of the workspace's profile in a region
     * @param workspaceEdits   applies an edit to the open workspace (the stack's output becomes kops-ec2)
     */
    public AwsLabOperations(Function<String, AwsClientFactory> clientsForRegion, Executor executor,
                            Consumer<UnaryOperator<Workspace>> workspaceEdits, Duration pollInterval) {
        this.clientsForRegion = clientsForRegion;
        this.executor = executor;
        this.workspaceEdits = workspaceEdits;
        this.pollInterval = pollInterval;
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(List.of(CREATE_BUCKET, CREATE_STACK, WAIT_STACK));
    }

    @Override
    public CompletableFuture<String> run(String name, Map<String, String> with, Consumer<String> progress) {
        if (!handles(name)) {
            return CompletableFuture.failedFuture(new LabOperationException("LabBench has no operation named " + name
                    + ". Known operations: " + String.join(", ", names()) + ". Check the lab file's spelling."));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return switch (name) {
                    case CREATE_BUCKET -> createBucket(with, progress);
                    case CREATE_STACK -> createStack(with, progress);
                    default -> waitStack(with, progress);
                };
            } catch (AwsFailure failure) {
                throw new CompletionException(new LabOperationException(name + " failed: " + failure.problem()));
            }
        }, executor);
    }

    private String createBucket(Map<String, String> with, Consumer<String> progress) throws AwsFailure {
        String bucket = required(CREATE_BUCKET, with, "bucket");
        String region = with.getOrDefault("region", "us-east-1");
        AwsClientFactory clients = clientsForRegion.apply(region);
        StateBucketService s3 = new StateBucketService(clients.s3(), region);
        progress.accept("Creating bucket s3://" + bucket + " in " + region + "…");
        try {
            s3.create(bucket);
        } catch (AwsFailure failure) {
            if (!failure.problem().awsCode().equals("BucketAlreadyOwnedByYou")) {
                throw failure;
            }
            return "s3://" + bucket + " already exists in your account: nothing to do.";
        }
        return "Created s3://" + bucket + " in " + region + ".";
    }

    private String createStack(Map<String, String> with, Consumer<String> progress) throws AwsFailure {
        String stackName = required(CREATE_STACK, with, "stackName");
        String templateUrl = required(CREATE_STACK, with, "templateUrl");
        String region = with.getOrDefault("region", "us-east-1");
        Map<String, String> parameters = new LinkedHashMap<>();
        with.forEach((key, value) -> {
            if (key.startsWith("param.") && key.length() > "param.".length()) {
                parameters.put(key.substring("param.".length()), value);
            }
        });
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (UNEXPANDED.matcher(p.getValue()).find()) {
                throw new AwsFailure(new AwsProblem(AwsProblem.Kind.INVALID_INPUT,
                        "Stack parameter " + p.getKey() + " still holds an unset variable",
                        "Set the variable in the lab's Variables panel, then run the step again.", ""), null);
            }
        }
        progress.accept("Sending CreateStack for " + stackName + " (" + parameters.size() + " parameters) in " + region + "…");
        deployment(region).startCreateFromUrl(stackName, templateUrl, parameters);
        return "CloudFormation is creating " + stackName + "; the next step follows it to CREATE_COMPLETE (about 10 minutes).";
    }

    private String waitStack(Map<String, String> with, Consumer<String> progress) throws AwsFailure {
        String stackName = required(WAIT_STACK, with, "stackName");
        String region = with.getOrDefault("region", "us-east-1");
        StackOutcome outcome = deployment(region).follow(stackName, 0, new StackProgressListener() {
            @Override
            public void onEvent(StackEvent event) {
                if (event.isFailure()) {
                    progress.accept(event.logicalId() + " " + event.status() + ": " + event.reason());
                }
            }

            @Override
            public void onProgress(String stackStatus, int completed, int total, Duration took) {
                progress.accept(stackName + ": " + stackStatus + " (" + StackCreationViewModel.format(took) + ")");
            }
        });
        if (!outcome.succeeded()) {
            StringBuilder why = new StringBuilder(stackName + " ended in " + outcome.status());
            outcome.failures().forEach(f -> why.append("; ").append(f.logicalId()).append(": ").append(f.reason()));
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.STACK_FAILED, why.toString(),
                    "Fix the cause, delete the stack (Clean up section or the AWS pane's Cost tab) and create it again.", ""), null);
        }
        String summary = stackName + " is " + outcome.status() + " after " + StackCreationViewModel.format(outcome.elapsed()) + ".";
        var address = AwsEndpoints.kopsEc2Address(outcome.outputs());
        if (address.isPresent()) {
            String ip = address.get();
            workspaceEdits.accept(workspace -> AwsEndpoints.withKopsEc2(workspace, ip, AwsEndpoints.keyFilesOf(workspace, "kops-ec2")));
            summary += " kops-ec2 is now " + ip + ".";
        }
        return summary;
    }

    private StackDeployment deployment(String region) {
        return new StackDeployment(clientsForRegion.apply(region).cloudFormation(), pollInterval, Clock.systemUTC());
    }

    private static String required(String operation, Map<String, String> with, String key) throws AwsFailure {
        String value = with.getOrDefault(key, "").trim();
        if (value.isEmpty()) {
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.INVALID_INPUT, operation + " needs a '" + key + "' value",
                    "Add `" + key + ": …` under the action's `with:` in the lab file.", ""), null);
        }
        if (UNEXPANDED.matcher(value).find()) {
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.INVALID_INPUT, operation + ": '" + key + "' is " + value + ", a variable that is not set",
                    "Set the variable in the lab's Variables panel, then run the step again.", ""), null);
        }
        return value;
    }
}
