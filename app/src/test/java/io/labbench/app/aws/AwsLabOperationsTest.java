package io.labbench.app.aws;

import io.labbench.app.shell.LabOperations;
import static io.labbench.aws.testing.FakeAwsEndpoint.FAKE_ACCESS_KEY_ID;
import static io.labbench.aws.testing.FakeAwsEndpoint.FAKE_SECRET_KEY;
import static io.labbench.aws.testing.FakeAwsEndpoint.queryError;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab file's AWS operations as the PKOS week-2 lab writes them (flat {@code with:} maps,
 * {@code param.<Name>} keys), and the secrets check over them: the fake secret key given as a stack
 * parameter reaches CloudFormation and appears in no log record, message, workspace file or export.
 */
class AwsLabOperationsTest {

    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final String TEMPLATE_URL = "https://s3.ap-northeast-2.amazonaws.com/cloudformation.cloudneta.net/K8S/kops-oneclick.yaml";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("pkos"));
    private final AwsLabOperations operations = new AwsLabOperations(region -> aws.clients(), executor,
            edit -> workspace.updateAndGet(edit), Duration.ofMillis(50));

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        executor.shutdownNow();
        aws.close();
    }

    private static Map<String, String> stackWith() {
        Map<String, String> with = new LinkedHashMap<>();
        with.put("stackName", "mkops");
        with.put("region", "us-east-1");
        with.put("templateUrl", TEMPLATE_URL);
        with.put("param.KeyName", "kp-study");
        with.put("param.MyIamUserAccessKeyID", FAKE_ACCESS_KEY_ID);
        with.put("param.MyIamUserSecretAccessKey", FAKE_SECRET_KEY);
        with.put("param.SgIngressSshCidr", "203.0.113.7/32");
        with.put("param.WorkerNodeCount", "2");
        return with;
    }

    private static FakeAwsEndpoint.Answer stack(String status, boolean withOutput) {
        return xml(QueryXml.response("DescribeStacks", CFN, "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1\","
                + "\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"" + status + "\",\"Outputs\":["
                + (withOutput ? "{\"OutputKey\":\"KOPSEC2IP\",\"OutputValue\":\"3.80.146.2\"}" : "") + "]}]}"));
    }

    private static String message(Throwable t) {
        return t instanceof ExecutionException e ? e.getCause().getMessage() : t.getMessage();
    }

    @Test
    void runsTheLabFilesOperationsAndKeepsTheSecretKeyToCloudFormation() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Logger root = Logger.getLogger("");
        Level oldLevel = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            // aws.s3.create-bucket, as the lab file writes it.
            aws.on("PUT /pkos-state-store", new FakeAwsEndpoint.Answer(200, "application/xml", ""));
            String bucket = operations.run(AwsLabOperations.CREATE_BUCKET, Map.of("bucket", "pkos-state-store", "region", "us-east-1"), seen::add)
                    .get(60, TimeUnit.SECONDS);
            assertThat(bucket).isEqualTo("Created s3://pkos-state-store in us-east-1.");
            assertThat(aws.requests("PUT /pkos-state-store")).hasSize(1);

            // An unset variable is refused before anything is sent.
            assertThatThrownBy(() -> operations.run(AwsLabOperations.CREATE_BUCKET, Map.of("bucket", "$S3_BUCKET"), seen::add).get(60, TimeUnit.SECONDS))
                    .satisfies(t -> assertThat(message(t)).contains("'bucket' is $S3_BUCKET, a variable that is not set"));

            // create-stack first refused (AccessDenied), then accepted.
            aws.on("CreateStack", queryError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/student is not authorized to perform: cloudformation:CreateStack"),
                    xml(QueryXml.response("CreateStack", CFN, "{\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1\"}")));
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                    operations.run(AwsLabOperations.CREATE_STACK, stackWith(), seen::add).get(60, TimeUnit.SECONDS));
            seen.add(message(refused));
            seen.add(String.valueOf(refused));
            assertThat(message(refused)).startsWith("aws.cloudformation.create-stack failed: AWS refused the request")
                    .contains("cloudformation:CreateStack");

            String created = operations.run(AwsLabOperations.CREATE_STACK, stackWith(), seen::add).get(60, TimeUnit.SECONDS);
            seen.add(created);
            assertThat(created).startsWith("CloudFormation is creating mkops");
            Map<String, String> sent = aws.requests("CreateStack").get(1).params();
            assertThat(sent).containsEntry("StackName", "mkops").containsEntry("TemplateURL", TEMPLATE_URL);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 1; sent.containsKey("Parameters.member." + i + ".ParameterKey"); i++) {
                parameters.put(sent.get("Parameters.member." + i + ".ParameterKey"), sent.get("Parameters.member." + i + ".ParameterValue"));
            }
            assertThat(parameters).containsEntry("KeyName", "kp-study").containsEntry("WorkerNodeCount", "2")
                    .containsEntry("MyIamUserSecretAccessKey", FAKE_SECRET_KEY).hasSize(5);

            // wait-stack follows to CREATE_COMPLETE and makes the output the kops-ec2 endpoint.
            aws.on("DescribeStackEvents", xml(QueryXml.response("DescribeStackEvents", CFN, "{\"StackEvents\":[]}")));
            aws.on("DescribeStacks", stack("CREATE_IN_PROGRESS", false), stack("CREATE_COMPLETE", true));
            workspace.set(AwsEndpoints.withKopsEc2(workspace.get(), "0.0.0.0", List.of(Path.of("/home/student/.ssh/kp-study.pem"))));
            List<String> progress = new CopyOnWriteArrayList<>();
            String waited = operations.run(AwsLabOperations.WAIT_STACK, Map.of("stackName", "mkops", "region", "us-east-1"), progress::add)
                    .get(60, TimeUnit.SECONDS);
            seen.addAll(progress);
            assertThat(waited).startsWith("mkops is CREATE_COMPLETE").endsWith("kops-ec2 is now 3.80.146.2.");
            assertThat(progress).anyMatch(p -> p.startsWith("mkops: CREATE_IN_PROGRESS"));
            assertThat(workspace.get().endpoint("kops-ec2")).hasValueSatisfying(e -> {
                SshEndpoint ssh = (SshEndpoint) e;
                assertThat(ssh.host()).isEqualTo("3.80.146.2");
                assertThat(ssh.identityFiles()).as("the learner's key is kept").containsExactly(Path.of("/home/student/.ssh/kp-study.pem"));
            });

            // A rolled-back stack is an explained failure.
            aws.on("DescribeStacks", stack("ROLLBACK_COMPLETE", false));
            FakeAwsEndpoint rolledBack = new FakeAwsEndpoint();
            try {
                rolledBack.on("DescribeStackEvents", xml(QueryXml.response("DescribeStackEvents", CFN, "{\"StackEvents\":[{\"StackId\":\"arn:s\",\"EventId\":\"e1\","
                        + "\"StackName\":\"mkops\",\"LogicalResourceId\":\"KOPSEC2\",\"ResourceType\":\"AWS::EC2::Instance\",\"Timestamp\":\"2023-01-24T10:00:00Z\","
                        + "\"ResourceStatus\":\"CREATE_FAILED\",\"ResourceStatusReason\":\"The key pair 'kp-study' does not exist\"}]}")));
                rolledBack.on("DescribeStacks", stack("ROLLBACK_COMPLETE", false));
                AwsLabOperations other = new AwsLabOperations(region -> rolledBack.clients(), executor, edit -> workspace.updateAndGet(edit), Duration.ofMillis(50));
                Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() ->
                        other.run(AwsLabOperations.WAIT_STACK, Map.of("stackName", "mkops"), seen::add).get(60, TimeUnit.SECONDS));
                seen.add(message(failed));
                assertThat(message(failed)).contains("mkops ended in ROLLBACK_COMPLETE; KOPSEC2: The key pair 'kp-study' does not exist")
                        .contains("delete the stack");
            } finally {
                rolledBack.close();
            }

            assertThat(operations.run("aws.ec2.reboot", Map.of(), seen::add)).isCompletedExceptionally();

            // The workspace file and the form's export hold no secret either.
            WorkspaceStore store = new WorkspaceStore(new AppDirs(home.resolve("config"), home.resolve("data"), home.resolve("state")));
            store.save(workspace.get().withVariable("IAM_ACCESS_KEY_ID", FAKE_ACCESS_KEY_ID));
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    seen.add(file + ": " + Files.readString(file));
                }
            }
            String body = FakeAwsEndpoint.resource("cfn/kops-oneclick-like.yaml");
            StackFormViewModel form = new StackFormViewModel(io.labbench.aws.cfn.StackTemplate.parse(body, "kops-oneclick.yaml"), body);
            form.fields().stream().filter(f -> f.parameter().key().equals("MyIamUserSecretAccessKey")).findFirst().orElseThrow()
                    .valueProperty().set(FAKE_SECRET_KEY);
            seen.add(form.maskedValues().toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        seen.add(console.toString(StandardCharsets.UTF_8));
        assertThat(String.join("\n", seen)).contains("mkops").contains("pkos-state-store");
        assertThat(new ArrayList<>(seen)).noneMatch(text -> text.contains(FAKE_SECRET_KEY));
    }
}
