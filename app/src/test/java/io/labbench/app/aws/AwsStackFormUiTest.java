package io.labbench.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitForFxEvents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cfn.StackTemplate;
import io.labbench.aws.net.PublicAddressLookup;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The stack form as a learner meets it: it refuses to submit until the template's constraints hold,
 * NoEcho values are typed into password fields and never shown, and creating the stack against a
 * local endpoint speaking CloudFormation's wire format shows progress to CREATE_COMPLETE and turns
 * the output into the kops-ec2 endpoint.
 */
@ExtendWith(ApplicationExtension.class)
class AwsStackFormUiTest {

    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();
    private final AtomicReference<Workspace> workspace = new AtomicReference<>(Workspace.defaultLocal("aws-test"));
    private final AtomicInteger checkipStatus = new AtomicInteger(200);
    private HttpServer checkip;
    private StackFormViewModel form;

    @Start
    void start(Stage stage) throws Exception {
        String body = FakeAwsEndpoint.resource("cfn/kops-oneclick-like.yaml");
        form = new StackFormViewModel(StackTemplate.parse(body, "kops-oneclick.yaml"), body);
        form.offerKeyPairs(List.of("kp-study"));
        // Answers as checkip.amazonaws.com does: the address and a newline.
        checkip = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        checkip.createContext("/", exchange -> {
            byte[] answer = (checkipStatus.get() == 200 ? "198.51.100.23\n" : "Service Unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(checkipStatus.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        checkip.start();
        PublicAddressLookup lookup = new PublicAddressLookup(
                URI.create("http://127.0.0.1:" + checkip.getAddress().getPort() + "/"), Duration.ofSeconds(5));
        FxWork work = new FxWork(Executors.newSingleThreadExecutor());
        StackCreationViewModel creation = new StackCreationViewModel(work,
                () -> new StackDeployment(clients.cloudFormation(), Duration.ofMillis(150), Clock.systemUTC()),
                outputs -> AwsEndpoints.kopsEc2Address(outputs).ifPresent(ip ->
                        workspace.set(AwsEndpoints.withKopsEc2(workspace.get(), ip, List.of(Path.of("/home/student/.ssh/kp-study.pem"))))));
        stage.setScene(new Scene(new StackView(form, creation,
                new MyAddressViewModel(form, new FxWork(Executors.newSingleThreadExecutor()), lookup::lookup)).node(), 1200, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        checkip.stop(0);
        clients.close();
        aws.close();
    }

    private static FakeAwsEndpoint.Answer status(String status, String kopsIp) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode stack = root.putArray("Stacks").addObject();
        stack.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/mykops/1").put("StackName", "mykops")
                .put("CreationTime", "2023-01-24T10:00:00Z").put("StackStatus", status);
        ArrayNode outputs = stack.putArray("Outputs");
        if (kopsIp != null) {
            outputs.addObject().put("OutputKey", "KopsEC2IP").put("OutputValue", kopsIp);
        }
        return FakeAwsEndpoint.xml(QueryXml.response("DescribeStacks", NS, root.toString()));
    }

    private static FakeAwsEndpoint.Answer events(String... logicalIds) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("StackEvents");
        for (int i = logicalIds.length - 1; i >= 0; i--) {
            list.addObject().put("StackId", "arn:s").put("EventId", "ev-" + i).put("StackName", "mykops")
                    .put("LogicalResourceId", logicalIds[i]).put("ResourceType", "AWS::EC2::VPC")
                    .put("Timestamp", "2023-01-24T10:00:0" + i + "Z").put("ResourceStatus", "CREATE_COMPLETE");
        }
        return FakeAwsEndpoint.xml(QueryXml.response("DescribeStackEvents", NS, root.toString()));
    }

    private static String sshCidr(FxRobot robot) {
        return robot.lookup("#param-SgIngressSshCidr").queryAs(TextField.class).getText();
    }

    private static DialogPane awaitDialog(FxRobot robot) throws Exception {
        // Present in the scene graph a moment before its window shows: wait until it can be clicked.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    @Test
    void useMyAddressRestrictsSshOnlyAfterTheLearnerConfirms(FxRobot robot) throws Exception {
        assertThat(sshCidr(robot)).isEqualTo("0.0.0.0/0");

        robot.clickOn("#use-my-address");
        DialogPane question = awaitDialog(robot);
        assertThat(question.getHeaderText()).isEqualTo("Your address looks like 198.51.100.23 — allow SSH only from 198.51.100.23/32?");
        assertThat(sshCidr(robot)).as("nothing changes while the question is open").isEqualTo("0.0.0.0/0");
        robot.clickOn("Keep the field as it is");
        waitForFxEvents();
        assertThat(sshCidr(robot)).isEqualTo("0.0.0.0/0");
        assertThat(robot.lookup("#my-address-outcome").queryAs(Label.class).getText()).isEqualTo("The SSH CIDR was left as it was.");

        robot.clickOn("#use-my-address");
        awaitDialog(robot);
        robot.clickOn("Allow only 198.51.100.23/32");
        waitForFxEvents();
        assertThat(sshCidr(robot)).isEqualTo("198.51.100.23/32");
        assertThat(robot.lookup("#my-address-outcome").queryAs(Label.class).getText()).isEqualTo("SSH is allowed only from 198.51.100.23/32.");
        assertThat(robot.lookup("#problem-SgIngressSshCidr").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void aFailedAddressLookupSaysWhatHappenedAndLeavesTheFieldAlone(FxRobot robot) throws Exception {
        checkipStatus.set(503);
        robot.clickOn("#use-my-address");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#my-address-problem").queryAs(Label.class).getText().isEmpty());
        waitForFxEvents();
        assertThat(robot.lookup("#my-address-problem").queryAs(Label.class).getText())
                .contains("HTTP 503").contains("the SSH CIDR field was left as it was").contains("type your address followed by /32");
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no question without an address").isEmpty();
        assertThat(sshCidr(robot)).isEqualTo("0.0.0.0/0");
        assertThat(robot.lookup("#use-my-address").queryButton().isDisabled()).as("the learner can try again").isFalse();
    }

    @Test
    void validatesMasksNoEchoAndFollowsCreationToTheKopsEc2Endpoint(FxRobot robot) throws Exception {
        Button create = robot.lookup("#create-stack").queryButton();
        assertThat(create.isDisabled()).as("KeyName and S3StateStore are still empty").isTrue();
        assertThat(robot.lookup("#problem-S3StateStore").queryAs(Label.class).getText()).isEqualTo("A value is required.");

        robot.clickOn("#param-S3StateStore").write("pkos-state-store");
        robot.clickOn("#param-SgIngressSshCidr").eraseText(9).write("203.0.113.300/32");
        waitForFxEvents();
        assertThat(robot.lookup("#problem-SgIngressSshCidr").queryAs(Label.class).getText()).contains("IPv4 range");
        robot.interact(() -> {
            form.fields().stream().filter(f -> f.parameter().key().equals("SgIngressSshCidr")).findFirst().orElseThrow()
                    .valueProperty().set("203.0.113.7/32");
            form.fields().stream().filter(f -> f.parameter().key().equals("KeyName")).findFirst().orElseThrow()
                    .valueProperty().set("kp-study");
        });
        robot.clickOn("#param-MyIamUserAccessKeyID").write(FakeAwsEndpoint.FAKE_ACCESS_KEY_ID);
        robot.clickOn("#param-MyIamUserSecretAccessKey").write(FakeAwsEndpoint.FAKE_SECRET_KEY);
        waitForFxEvents();

        PasswordField secret = robot.lookup("#param-MyIamUserSecretAccessKey").queryAs(PasswordField.class);
        assertThat(secret.getText()).isEqualTo(FakeAwsEndpoint.FAKE_SECRET_KEY);
        assertThat(form.maskedValues()).containsEntry("MyIamUserSecretAccessKey", "****");
        assertThat(form.maskedValues().toString()).doesNotContain(FakeAwsEndpoint.FAKE_SECRET_KEY);
        assertThat(create.isDisabled()).isFalse();

        aws.on("CreateStack", FakeAwsEndpoint.xml(QueryXml.response("CreateStack", NS, "{\"StackId\":\"arn:s\"}")));
        aws.on("DescribeStackEvents", events("MyVPC"), events("MyVPC", "MyIGW"), events("MyVPC", "MyIGW", "KOPSEC2"));
        aws.on("DescribeStacks", status("CREATE_IN_PROGRESS", null), status("CREATE_IN_PROGRESS", null), status("CREATE_COMPLETE", "3.80.146.2"));
        robot.clickOn("#create-stack");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#stack-status").queryAs(Label.class).getText().equals("CREATE_COMPLETE"));
        waitForFxEvents();
        assertThat(robot.lookup("#stack-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#stack-events").queryAs(TableView.class).getItems()).hasSize(3);
        assertThat(workspace.get().endpoint("kops-ec2")).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(SshEndpoint.class);
            assertThat(((SshEndpoint) e).host()).isEqualTo("3.80.146.2");
            assertThat(((SshEndpoint) e).user()).isEqualTo("root");
        });
        // The secret went to CloudFormation and nowhere else the learner can see.
        assertThat(aws.requests("CreateStack").get(0).params()).containsValue(FakeAwsEndpoint.FAKE_SECRET_KEY);
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).noneMatch(l -> l.getText().contains(FakeAwsEndpoint.FAKE_SECRET_KEY));
    }
}
