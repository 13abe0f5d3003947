package io.labbench.aws;

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS GetCallerIdentity: proves the credentials work and shows whose they are. */
public final class IdentityCheck {

    public record Identity(String account, String arn, String userId) {
    }

    private final StsClient sts;

    public IdentityCheck(StsClient sts) {
        this.sts = sts;
    }

    public Identity whoAmI() throws AwsFailure {
        GetCallerIdentityResponse response = AwsFailure.call(sts::getCallerIdentity);
        return new Identity(response.account(), response.arn(), response.userId());
    }
}
