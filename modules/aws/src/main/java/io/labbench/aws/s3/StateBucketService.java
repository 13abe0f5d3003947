package io.labbench.aws.s3;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/** The kOps state store: list the account's buckets, or create one (study step 1.2.1). */
public final class StateBucketService {

    private final S3Client s3;
    private final String region;

    public StateBucketService(S3Client s3, String region) {
        this.s3 = s3;
        this.region = region;
    }

    public List<String> bucketNames() throws AwsFailure {
        return AwsFailure.call(() -> s3.listBuckets().buckets().stream().map(Bucket::name).sorted().toList());
    }

    /** Creates the bucket; us-east-1 takes no location constraint, every other region needs one. */
    public void create(String name) throws AwsFailure {
        List<String> problems = BucketNameRules.problems(name);
        if (!problems.isEmpty()) {
            throw new AwsFailure(new AwsProblem(AwsProblem.Kind.INVALID_INPUT,
                    "\"" + name + "\" is not a valid bucket name: " + String.join(" ", problems),
                    "Choose another name, e.g. pkos-yourname-kops-state.", ""), null);
        }
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name);
        if (!"us-east-1".equals(region)) {
            request.createBucketConfiguration(CreateBucketConfiguration.builder()
                    .locationConstraint(BucketLocationConstraint.fromValue(region)).build());
        }
        AwsFailure.call(() -> s3.createBucket(request.build()));
    }
}
