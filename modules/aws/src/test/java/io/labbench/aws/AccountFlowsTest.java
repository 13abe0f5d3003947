package io.labbench.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.queryError;
import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.cost.CostGuard;
import io.labbench.aws.cost.PriceTable;
import io.labbench.aws.cost.RunningResource;
import io.labbench.aws.iam.ControllerPolicies;
import io.labbench.aws.iam.PolicyAttachmentPlan;
import io.labbench.aws.s3.BucketNameRules;
import io.labbench.aws.s3.StateBucketService;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Identity, state bucket, IAM and cost guard against the local fake endpoint. */
class AccountFlowsTest {

    private static final String STS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void identityCheckShowsWhoseCredentialsThese() throws Exception {
        aws.on("GetCallerIdentity", xml(QueryXml.response("GetCallerIdentity", STS,
                "{\"UserId\":\"AIDASAMPLEUSERID\",\"Account\":\"123456789012\",\"Arn\":\"arn:aws:iam::123456789012:user/student\"}")));
        IdentityCheck.Identity identity = new IdentityCheck(clients.sts()).whoAmI();
        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/student");
    }

    @Test
    void expiredAndUnknownCredentialsSayWhatToDo() {
        aws.on("GetCallerIdentity", queryError(403, "ExpiredToken", "The security token included in the request is expired"),
                queryError(403, "InvalidClientTokenId", "The security token included in the request is invalid."));
        assertThatThrownBy(() -> new IdentityCheck(clients.sts()).whoAmI())
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.EXPIRED_CREDENTIALS);
                    assertThat(f.problem().nextStep()).contains("Refresh");
                });
        assertThatThrownBy(() -> new IdentityCheck(clients.sts()).whoAmI())
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.NO_CREDENTIALS));
    }

    @Test
    void stateBucketNamesAreCheckedBeforeAnythingIsSent() throws Exception {
        assertThat(BucketNameRules.problems("20230124-learn-s3-mybucket")).isEmpty();
        assertThat(BucketNameRules.problems("My_Bucket")).contains("Only lowercase letters, digits, dots (.) and hyphens (-) are allowed.");
        assertThat(BucketNameRules.problems("ab")).contains("Must be 3 to 63 characters long (it has 2).");
        assertThat(BucketNameRules.problems("192.168.5.4")).contains("Must not be formatted as an IP address.");
        StateBucketService buckets = new StateBucketService(clients.s3(), "us-east-1");
        assertThatThrownBy(() -> buckets.create("Bad..Name")).isInstanceOf(AwsFailure.class)
                .hasMessageContaining("is not a valid bucket name");
        assertThat(aws.requests()).isEmpty();

        aws.on("PUT /pkos-state-store", new FakeAwsEndpoint.Answer(200, "application/xml", ""));
        aws.on("GET /", xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>bcaf1ffd86f461ca5fb16fd081034f</ID><DisplayName>student</DisplayName></Owner><Buckets>"
                + "<Bucket><Name>pkos-state-store</Name><CreationDate>2023-01-24T10:00:00.000Z</CreationDate></Bucket>"
                + "<Bucket><Name>20230124-learn-s3-mybucket</Name><CreationDate>2023-01-24T09:00:00.000Z</CreationDate></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>"));
        buckets.create("pkos-state-store");
        assertThat(aws.requests("PUT /pkos-state-store")).singleElement()
                .satisfies(r -> assertThat(r.body()).as("us-east-1 takes no location constraint").doesNotContain("LocationConstraint"));
        assertThat(buckets.bucketNames()).containsExactly("20230124-learn-s3-mybucket", "pkos-state-store");
    }

    @Test
    void iamPlanShowsExactlyWhatChangesThenApplyDoesOnlyThat() throws Exception {
        aws.on("GetPolicy", queryError(404, "NoSuchEntity", "Policy arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy was not found."));
        aws.on("ListAttachedRolePolicies",
                xml(QueryXml.response("ListAttachedRolePolicies", IAM, "{\"AttachedPolicies\":[],\"IsTruncated\":false}")),
                xml(QueryXml.response("ListAttachedRolePolicies", IAM, "{\"AttachedPolicies\":[{\"PolicyName\":\"AWSLoadBalancerControllerIAMPolicy\","
                        + "\"PolicyArn\":\"arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy\"}],\"IsTruncated\":false}")));
        ControllerPolicies policies = new ControllerPolicies(clients.iam());
        PolicyAttachmentPlan plan = policies.plan(ControllerPolicies.Policy.LOAD_BALANCER_CONTROLLER, "123456789012",
                ControllerPolicies.kopsRoles("learn-dc.link"));

        assertThat(plan.describe()).containsExactly(
                "Create IAM policy AWSLoadBalancerControllerIAMPolicy (arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy)",
                "Attach AWSLoadBalancerControllerIAMPolicy to role masters.learn-dc.link",
                "Unchanged: nodes.learn-dc.link already has AWSLoadBalancerControllerIAMPolicy");
        assertThat(aws.requests("CreatePolicy")).isEmpty();

        aws.on("CreatePolicy", xml(QueryXml.response("CreatePolicy", IAM, "{\"Policy\":{\"PolicyName\":\"AWSLoadBalancerControllerIAMPolicy\","
                + "\"Arn\":\"arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy\"}}")));
        aws.on("AttachRolePolicy", xml(QueryXml.response("AttachRolePolicy", IAM, "{}")));
        policies.apply(ControllerPolicies.Policy.LOAD_BALANCER_CONTROLLER, plan);

        assertThat(aws.requests("CreatePolicy")).singleElement().satisfies(r -> {
            assertThat(r.params()).containsEntry("PolicyName", "AWSLoadBalancerControllerIAMPolicy");
            assertThat(r.params().get("PolicyDocument")).contains("elasticloadbalancing:CreateTargetGroup");
        });
        assertThat(aws.requests("AttachRolePolicy")).singleElement()
                .satisfies(r -> assertThat(r.params()).containsEntry("RoleName", "masters.learn-dc.link"));
    }

    @Test
    void costGuardAddsUpWhatTheLabHasRunning() throws Exception {
        aws.on("DescribeStacks", xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mykops\",\"StackId\":\"arn:s\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"CREATE_COMPLETE\"}]}")));
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")));
        aws.on("DescribeVolumes", xml("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><volumeSet>"
                + "<item><volumeId>vol-049df61146c4d7901</volumeId><size>128</size><volumeType>gp3</volumeType></item>"
                + "</volumeSet></DescribeVolumesResponse>"));
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB,
                "{\"LoadBalancers\":[{\"LoadBalancerName\":\"k8s-default-svcnlbip-53cb8f2a35\",\"Type\":\"network\",\"DNSName\":\"k8s-default-svcnlbip-53cb8f2a35.elb.us-east-1.amazonaws.com\"}]}")));

        List<RunningResource> running = new CostGuard(clients.cloudFormation(), clients.ec2(), clients.elbv2(), PriceTable.usEast1())
                .running("mykops", "ejpark.link");

        assertThat(running).extracting(RunningResource::kind).containsExactly(RunningResource.Kind.STACK,
                RunningResource.Kind.INSTANCE, RunningResource.Kind.INSTANCE, RunningResource.Kind.INSTANCE,
                RunningResource.Kind.VOLUME, RunningResource.Kind.LOAD_BALANCER);
        // 2 × c5d.large (0.096) + t3.medium (0.0416) + 128 GB gp3 (0.08/730 per GB-hour) + NLB (0.0225)
        assertThat(CostGuard.hourlyTotal(running)).isCloseTo(2 * 0.096 + 0.0416 + 128 * 0.08 / 730 + 0.0225,
                org.assertj.core.api.Assertions.within(1e-9));
    }
}
