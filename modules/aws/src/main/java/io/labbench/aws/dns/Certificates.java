package io.labbench.aws.dns;

import io.labbench.aws.AwsFailure;
import java.util.List;
import software.amazon.awssdk.services.acm.AcmClient;

/** ACM certificates of the region, for the TLS section's {@code CERT_ARN}. */
public final class Certificates {

    public record Certificate(String arn, String domainName, String status) {
    }

    private final AcmClient acm;

    public Certificates(AcmClient acm) {
        this.acm = acm;
    }

    public List<Certificate> list() throws AwsFailure {
        return AwsFailure.call(() -> acm.listCertificatesPaginator(b -> b.build()).certificateSummaryList().stream()
                .map(c -> new Certificate(c.certificateArn(), c.domainName(), c.statusAsString() == null ? "" : c.statusAsString()))
                .toList());
    }
}
