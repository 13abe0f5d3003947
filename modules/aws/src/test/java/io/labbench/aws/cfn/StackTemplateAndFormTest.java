package io.labbench.aws.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.testing.FakeAwsEndpoint;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTemplateAndFormTest {

    private final StackTemplate template = parse();

    private static StackTemplate parse() {
        try {
            return StackTemplate.parse(FakeAwsEndpoint.resource("cfn/kops-oneclick-like.yaml"), "kops-oneclick.yaml");
        } catch (StackTemplate.TemplateException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsTheStudysParametersWithIntrinsicFunctionsInTheTemplate() {
        assertThat(template.parameters()).extracting(TemplateParameter::key).contains(
                "KeyName", "MyIamUserAccessKeyID", "MyIamUserSecretAccessKey", "SgIngressSshCidr",
                "ClusterBaseName", "S3StateStore", "WorkerNodeCount");
        assertThat(template.parameter("KeyName").orElseThrow().isKeyPair()).isTrue();
        assertThat(template.parameter("MyIamUserSecretAccessKey").orElseThrow().noEcho()).isTrue();
        assertThat(template.parameter("WorkerNodeInstanceType").orElseThrow().defaultValue()).contains("t3.medium");
        assertThat(template.resourceCount()).isEqualTo(3);
        assertThat(template.outputKeys()).containsExactly("KopsEC2IP");
    }

    @Test
    void formListsEveryBrokenConstraint() {
        Map<String, String> values = new HashMap<>();
        values.put("SgIngressSshCidr", "300.1.2.3/40");
        values.put("WorkerNodeCount", "12");
        values.put("TargetRegion", "eu-west-1");
        Map<String, java.util.List<String>> problems = new StackForm(template).validate(values);
        assertThat(problems).containsKeys("KeyName", "S3StateStore", "SgIngressSshCidr", "WorkerNodeCount", "TargetRegion",
                "MyIamUserAccessKeyID");
        assertThat(problems.get("KeyName")).containsExactly("Choose an EC2 key pair of this region.");
        assertThat(problems.get("WorkerNodeCount")).containsExactly("At most 10.");
        assertThat(problems.get("SgIngressSshCidr")).contains("Must be an IPv4 range like 203.0.113.7/32.");
        assertThat(problems.get("TargetRegion")).containsExactly("Must be one of us-east-1, ap-northeast-2.");
    }

    @Test
    void completeFormHasNoProblemsAndMasksNoEchoValues() {
        Map<String, String> values = Map.of("KeyName", "kp-study", "S3StateStore", "pkos-state",
                "MyIamUserAccessKeyID", FakeAwsEndpoint.FAKE_ACCESS_KEY_ID, "MyIamUserSecretAccessKey", FakeAwsEndpoint.FAKE_SECRET_KEY,
                "SgIngressSshCidr", "203.0.113.7/32");
        StackForm form = new StackForm(template);
        assertThat(form.validate(values)).isEmpty();
        Map<String, String> shown = form.masked(values);
        assertThat(shown.get("MyIamUserSecretAccessKey")).isEqualTo(StackForm.MASK);
        assertThat(shown.get("MyIamUserAccessKeyID")).isEqualTo(StackForm.MASK);
        assertThat(shown.toString()).doesNotContain(FakeAwsEndpoint.FAKE_SECRET_KEY).contains("kp-study");
    }

    @Test
    void brokenTemplateNamesFileLineAndColumn() {
        assertThatThrownBy(() -> StackTemplate.parse("Resources:\n  A: [1, 2\n  B: x\n", "bad.yaml"))
                .hasMessageStartingWith("bad.yaml:3:");
        assertThatThrownBy(() -> StackTemplate.parse("Parameters: {}\n", "empty.yaml"))
                .hasMessage("empty.yaml: the template has no Resources section");
    }
}
