package io.labbench.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** The endpoint as the app's SDK code sees it: real SDK clients, real SigV4, answers that follow the lab. */
class LocalAwsEndpointSdkTest {

    private final SampleCloud cloud = new SampleCloud();
    private final LabCredentials credentials = LabCredentials.generate();
    private LocalAwsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = LocalAwsEndpoint.start(cloud, credentials);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private StaticCredentialsProvider labKeys() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    private Ec2Client ec2(StaticCredentialsProvider keys) {
        return Ec2Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1).credentialsProvider(keys)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void describeInstancesAndEnisFollowTheLab() {
        try (Ec2Client ec2 = ec2(labKeys())) {
            Instance instance = ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name").values("running").build()))
                    .reservations().get(0).instances().get(0);
            assertThat(instance.instanceId()).isEqualTo("i-0abc1234567890def");
            assertThat(instance.instanceTypeAsString()).isEqualTo("t3.medium");
            assertThat(instance.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("nodes-us-east-1a.pkos.labbench.test"));
            assertThat(instance.networkInterfaces().get(0).privateIpAddresses()).hasSize(2);

            cloud.placePod("172.30.40.12");
            cloud.instanceType = "c5.large";
            assertThat(ec2.describeNetworkInterfaces().networkInterfaces().get(0).privateIpAddresses())
                    .extracting(a -> a.privateIpAddress()).containsExactly("172.30.46.72", "172.30.40.11", "172.30.40.12");
            assertThat(ec2.describeInstances().reservations().get(0).instances().get(0).instanceTypeAsString()).isEqualTo("c5.large");
            assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name").values("stopped").build()))
                    .reservations()).isEmpty();
            assertThat(ec2.describeInstanceTypes(r -> r.filters(Filter.builder().name("instance-type").values("c5.*").build()))
                    .instanceTypes()).extracting(t -> t.instanceTypeAsString()).containsExactly("c5.large");
        }
    }

    @Test
    void stsS3CloudFormationIamRoute53Answer() {
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1).credentialsProvider(labKeys())
                .httpClient(UrlConnectionHttpClient.create()).build();
             S3Client s3 = S3Client.builder().endpointOverride(endpoint.uri()).forcePathStyle(true).region(Region.US_EAST_1)
                     .credentialsProvider(labKeys()).httpClient(UrlConnectionHttpClient.create()).build();
             CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                     .credentialsProvider(labKeys()).httpClient(UrlConnectionHttpClient.create()).build();
             IamClient iam = IamClient.builder().endpointOverride(endpoint.uri()).region(Region.AWS_GLOBAL)
                     .credentialsProvider(labKeys()).httpClient(UrlConnectionHttpClient.create()).build();
             Route53Client r53 = Route53Client.builder().endpointOverride(endpoint.uri()).region(Region.AWS_GLOBAL)
                     .credentialsProvider(labKeys()).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("pkos-state");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("pkos-state").key("pkos.labbench.test/config")).asUtf8String())
                    .contains("instanceType: t3.medium");
            s3.putObject(r -> r.bucket("pkos-state").key("notes/hello.txt"), RequestBody.fromString("hi"));
            assertThat(s3.listObjectsV2(r -> r.bucket("pkos-state")).contents()).extracting(o -> o.key())
                    .containsExactly("notes/hello.txt", "pkos.labbench.test/config");
            assertThat(cfn.describeStacks().stacks().get(0).outputs().get(0).outputValue()).isEqualTo("172.30.32.10");
            assertThat(cfn.describeStackEvents(r -> r.stackName("mykops")).stackEvents()).hasSize(1);
            String arn = iam.createPolicy(r -> r.policyName("AWSLoadBalancerControllerIAMPolicy").policyDocument("{\"Version\":\"2012-10-17\"}"))
                    .policy().arn();
            iam.attachRolePolicy(r -> r.roleName("nodes.pkos.labbench.test").policyArn(arn));
            assertThat(iam.listAttachedRolePolicies(r -> r.roleName("nodes.pkos.labbench.test")).attachedPolicies())
                    .extracting(p -> p.policyArn()).containsExactly("arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy");
            assertThat(r53.listResourceRecordSets(r -> r.hostedZoneId("Z0LAB00000000000000")).resourceRecordSets())
                    .anySatisfy(rr -> assertThat(rr.name()).isEqualTo("api.pkos.labbench.test."));
        }
    }

    @Test
    void otherCredentialsAndUnsignedRequestsAreRefusedInAwsShapes() throws Exception {
        StaticCredentialsProvider other = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOTHERKEY00000000", "other-secret-0123456789"));
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1).credentialsProvider(other)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        StaticCredentialsProvider wrongSecret = StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), "not-the-secret-0123456789"));
        try (Ec2Client ec2 = ec2(wrongSecret)) {
            assertThatThrownBy(ec2::describeInstances).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.uri() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void aCallTheLabDoesNotEmulateNamesWhatItDoes() {
        try (Ec2Client ec2 = ec2(labKeys())) {
            assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-1").minCount(1).maxCount(1)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("RunInstances").contains("DescribeInstances");
                    });
        }
    }
}
