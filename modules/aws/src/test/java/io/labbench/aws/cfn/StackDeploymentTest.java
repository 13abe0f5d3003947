package io.labbench.aws.cfn;

import static io.labbench.aws.testing.FakeAwsEndpoint.queryError;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackDeploymentTest {

    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/mykops/0f745be0-c5e5-11ed-89c5-0a9e9e96b94c";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();
    private final List<StackEvent> events = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final StackProgressListener listener = new StackProgressListener() {
        @Override
        public void onEvent(StackEvent event) {
            events.add(event);
        }

        @Override
        public void onProgress(String status, int completed, int total, Duration elapsed) {
            progress.add(status + " " + completed + "/" + total);
        }
    };

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    /** The two real events of the study's stack (text output of describe-stack-events), as the API returns them. */
    private static List<ObjectNode> realKopsEvents() {
        List<ObjectNode> events = new ArrayList<>();
        for (String line : FakeAwsEndpoint.resource("aws-cloudformation-describe-stack-events-text-kops.txt").split("\n")) {
            String[] f = line.trim().split("\\s{2,}");
            // STACKEVENTS EventId LogicalResourceId PhysicalResourceId ResourceStatus Reason ResourceType StackId StackName Timestamp
            events.add(event(f[1], f[2], f[6], f[4], f[5], f[9]));
        }
        return events;
    }

    private static ObjectNode event(String id, String logicalId, String type, String status, String reason, String timestamp) {
        ObjectNode e = JSON.createObjectNode();
        e.put("StackId", STACK_ID).put("EventId", id).put("StackName", "mykops").put("LogicalResourceId", logicalId)
                .put("ResourceType", type).put("Timestamp", timestamp).put("ResourceStatus", status);
        if (!reason.isEmpty()) {
            e.put("ResourceStatusReason", reason);
        }
        return e;
    }

    /** DescribeStackEvents answer: newest first, as CloudFormation sends them. */
    private static FakeAwsEndpoint.Answer eventsPage(List<ObjectNode> chronological) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("StackEvents");
        for (int i = chronological.size() - 1; i >= 0; i--) {
            list.add(chronological.get(i));
        }
        return xml(QueryXml.response("DescribeStackEvents", NS, root.toString()));
    }

    private static FakeAwsEndpoint.Answer stackStatus(String status, Map<String, String> outputs) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode stack = root.putArray("Stacks").addObject();
        stack.put("StackId", STACK_ID).put("StackName", "mykops").put("CreationTime", "2023-03-18T23:31:51.757Z")
                .put("StackStatus", status);
        ArrayNode out = stack.putArray("Outputs");
        outputs.forEach((k, v) -> out.addObject().put("OutputKey", k).put("OutputValue", v));
        return xml(QueryXml.response("DescribeStacks", NS, root.toString()));
    }

    @Test
    void createStreamsEventsOnceEachInOrderAndEndsWithOutputs() throws Exception {
        List<ObjectNode> chronological = new ArrayList<>(realKopsEvents());
        java.util.Collections.reverse(chronological); // the fixture lists newest first
        List<ObjectNode> poll1 = new ArrayList<>(chronological);
        List<ObjectNode> poll2 = new ArrayList<>(poll1);
        poll2.add(event("e-vpc-1", "MyVPC", "AWS::EC2::VPC", "CREATE_IN_PROGRESS", "", "2023-03-18T23:32:01.000Z"));
        poll2.add(event("e-vpc-2", "MyVPC", "AWS::EC2::VPC", "CREATE_COMPLETE", "", "2023-03-18T23:32:14.000Z"));
        poll2.add(event("e-igw-2", "MyIGW", "AWS::EC2::InternetGateway", "CREATE_COMPLETE", "", "2023-03-18T23:32:20.000Z"));
        List<ObjectNode> poll3 = new ArrayList<>(poll2);
        poll3.add(event("e-ec2-2", "KOPSEC2", "AWS::EC2::Instance", "CREATE_COMPLETE", "", "2023-03-18T23:33:40.000Z"));
        poll3.add(event("e-stack", "mykops", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", "", "2023-03-18T23:33:42.000Z"));

        aws.on("CreateStack", xml(QueryXml.response("CreateStack", NS, "{\"StackId\":\"" + STACK_ID + "\"}")));
        aws.on("DescribeStackEvents", eventsPage(poll1), eventsPage(poll2), eventsPage(poll3));
        aws.on("DescribeStacks", stackStatus("CREATE_IN_PROGRESS", Map.of()), stackStatus("CREATE_IN_PROGRESS", Map.of()),
                stackStatus("CREATE_COMPLETE", Map.of("KopsEC2IP", "3.80.146.2")));

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("KeyName", "kp-study");
        parameters.put("ClusterBaseName", "learn-dc.link");
        StackOutcome outcome = new StackDeployment(clients.cloudFormation(), Duration.ofMillis(10), Clock.systemUTC())
                .create("mykops", "Resources: {}", parameters, 3, listener);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.outputs()).containsEntry("KopsEC2IP", "3.80.146.2");
        assertThat(events).extracting(StackEvent::status).containsExactly("REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS",
                "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "CREATE_COMPLETE", "CREATE_COMPLETE", "CREATE_COMPLETE");
        assertThat(events.get(1).reason()).isEqualTo("User Initiated");
        assertThat(progress).containsExactly("CREATE_IN_PROGRESS 0/3", "CREATE_IN_PROGRESS 2/3", "CREATE_COMPLETE 3/3");
        FakeAwsEndpoint.Request create = aws.requests("CreateStack").get(0);
        assertThat(create.params()).containsEntry("StackName", "mykops")
                .containsEntry("Parameters.member.1.ParameterKey", "KeyName")
                .containsEntry("Parameters.member.1.ParameterValue", "kp-study")
                .containsEntry("Capabilities.member.1", "CAPABILITY_IAM");
    }

    @Test
    void rollbackReportsTheFailureReasons() throws Exception {
        List<ObjectNode> chronological = List.of(
                event("f1", "mykops", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated", "2023-03-18T23:31:57.220Z"),
                event("f2", "KOPSEC2", "AWS::EC2::Instance", "CREATE_FAILED",
                        "The key pair 'kp-missing' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidKeyPair.NotFound)",
                        "2023-03-18T23:32:10.000Z"),
                event("f3", "mykops", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", "", "2023-03-18T23:33:00.000Z"));
        aws.on("DescribeStackEvents", eventsPage(chronological));
        aws.on("DescribeStacks", stackStatus("ROLLBACK_COMPLETE", Map.of()));

        StackOutcome outcome = new StackDeployment(clients.cloudFormation(), Duration.ofMillis(10), Clock.systemUTC())
                .follow("mykops", 3, listener);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.status()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(outcome.failures()).singleElement().satisfies(f -> {
            assertThat(f.logicalId()).isEqualTo("KOPSEC2");
            assertThat(f.reason()).contains("InvalidKeyPair.NotFound");
        });
    }

    @Test
    void throttlingIsRetriedAndAccessDeniedIsExplained() throws Exception {
        aws.on("DescribeStackEvents", eventsPage(List.of()));
        aws.on("DescribeStacks", queryError(400, "Throttling", "Rate exceeded"),
                stackStatus("CREATE_COMPLETE", Map.of()));
        StackOutcome outcome = new StackDeployment(clients.cloudFormation(), Duration.ofMillis(10), Clock.systemUTC())
                .follow("mykops", 3, listener);
        assertThat(outcome.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(aws.requests("DescribeStacks")).hasSize(2);

        aws.on("DeleteStack", queryError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/student is not authorized to perform: cloudformation:DeleteStack"));
        assertThatThrownBy(() -> new StackDeployment(clients.cloudFormation(), Duration.ofMillis(10), Clock.systemUTC())
                .delete("mykops", 3, listener))
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.ACCESS_DENIED);
                    assertThat(f.problem().summary()).contains("not authorized to perform: cloudformation:DeleteStack");
                    assertThat(f.problem().awsCode()).isEqualTo("AccessDenied");
                });
    }
}
