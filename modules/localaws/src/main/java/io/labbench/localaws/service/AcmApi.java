package io.labbench.localaws.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.state.LabCloud;
import java.util.List;

/** ACM over JSON 1.1 ({@code X-Amz-Target: CertificateManager.ListCertificates}): the lab's certificates. */
public final class AcmApi implements ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabCloud cloud;

    public AcmApi(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "acm";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        String target = request.header("x-amz-target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        if (!operation.equals("ListCertificates")) {
            return Unsupported.call(AwsErrors.Shape.JSON, "ACM", operation, List.of("ListCertificates"));
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("CertificateSummaryList");
        for (LabCloud.Certificate c : cloud.certificates()) {
            list.addObject().put("CertificateArn", c.arn()).put("DomainName", c.domainName()).put("Status", c.status());
        }
        return AwsReply.json(root.toString());
    }
}
