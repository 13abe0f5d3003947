package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.state.LabCloud;
import java.util.List;

/** STS: who the lab's credentials are ({@code aws sts get-caller-identity}). */
public final class StsApi implements ServiceApi {

    private static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private final LabCloud cloud;
    private final String accessKeyId;

    public StsApi(LabCloud cloud, String accessKeyId) {
        this.cloud = cloud;
        this.accessKeyId = accessKeyId;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        String action = request.form().getOrDefault("Action", "");
        if (!action.equals("GetCallerIdentity")) {
            return Unsupported.call(AwsErrors.Shape.QUERY, "STS", action, List.of("GetCallerIdentity"));
        }
        // an IAM user's id is AIDA + 17 characters; derived from the key so it is the same for the lab's life
        String userId = "AIDA" + accessKeyId.substring(4) + "X";
        return QueryResponse.of(action, XMLNS, xml -> xml.el("Arn", "arn:aws:iam::" + cloud.accountId() + ":user/" + cloud.userName())
                .el("UserId", userId.substring(0, Math.min(userId.length(), 21))).el("Account", cloud.accountId()));
    }
}
