package io.labbench.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients for one {@link AwsSettings}. One small HTTP client is shared by all of
 * them; the standard retry mode backs off on throttling, which the study's polling loops can hit.
 */
public final class AwsClientFactory implements AutoCloseable {

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public AwsClientFactory(AwsSettings settings) {
        this(settings, settings.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    }

    public AwsClientFactory(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    public StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    public S3Client s3() {
        // Path-style addressing keeps a test endpoint (one host) working for every bucket name.
        return configure(S3Client.builder()).forcePathStyle(settings.endpointOverride().isPresent()).build();
    }

    public CloudFormationClient cloudFormation() {
        return configure(CloudFormationClient.builder()).build();
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return configure(ElasticLoadBalancingV2Client.builder()).build();
    }

    public IamClient iam() {
        // IAM is global: its endpoint lives in aws-global, whatever the workspace's region.
        return configure(IamClient.builder()).region(settings.endpointOverride().isPresent()
                ? Region.of(settings.region()) : Region.AWS_GLOBAL).build();
    }

    public Route53Client route53() {
        return configure(Route53Client.builder()).region(settings.endpointOverride().isPresent()
                ? Region.of(settings.region()) : Region.AWS_GLOBAL).build();
    }

    public AcmClient acm() {
        return configure(AcmClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .build());
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        http.close();
    }
}
