package io.labbench.aws.ec2;

import static io.labbench.aws.testing.FakeAwsEndpoint.ec2Error;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.aws.testing.FakeAwsEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key pairs the stack form offers for KeyName. */
class KeyPairsTest {

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void listsTheRegionsKeyPairsSorted() throws Exception {
        aws.on("DescribeKeyPairs", xml("<DescribeKeyPairsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><keySet>"
                + "<item><keyPairId>key-0b1</keyPairId><keyName>kp-study</keyName><keyType>rsa</keyType></item>"
                + "<item><keyPairId>key-0a2</keyPairId><keyName>ejpark</keyName><keyType>ed25519</keyType></item>"
                + "</keySet></DescribeKeyPairsResponse>"));
        assertThat(new KeyPairs(clients.ec2()).names()).containsExactly("ejpark", "kp-study");
        assertThat(aws.requests("DescribeKeyPairs")).hasSize(1);
    }

    @Test
    void anUnauthorisedCallIsExplained() {
        aws.on("DescribeKeyPairs", ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
        assertThatThrownBy(() -> new KeyPairs(clients.ec2()).names())
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.ACCESS_DENIED));
    }
}
