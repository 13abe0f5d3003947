package io.labbench.aws.ec2;

import io.labbench.aws.AwsFailure;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;

/** The region's EC2 key pairs, offered for the stack's {@code KeyName} parameter. */
public final class KeyPairs {

    private final Ec2Client ec2;

    public KeyPairs(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public List<String> names() throws AwsFailure {
        return AwsFailure.call(() -> ec2.describeKeyPairs().keyPairs().stream().map(KeyPairInfo::keyName).sorted().toList());
    }
}
