package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = SecretMasker.standard();

    @Test
    void masksAwsAccessKeyIdsAndTheSecretNextToThem() {
        String csv = "AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertThat(masker.mask(csv)).isEqualTo("[masked aws-access-key-id],[masked aws-secret-access-key]");
        assertThat(masker.mask("export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A"))
                .isEqualTo("export AWS_ACCESS_KEY_ID=[masked aws-access-key-id]");
    }

    @Test
    void masksSecretAccessKeysAndSessionTokensInEveryUsualSpelling() {
        assertThat(masker.mask("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("export AWS_SECRET_ACCESS_KEY=[masked aws-secret-access-key]");
        assertThat(masker.mask("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("aws_secret_access_key = [masked aws-secret-access-key]");
        assertThat(masker.mask("    \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\","))
                .isEqualTo("    \"SecretAccessKey\": \"[masked aws-secret-access-key]\",");
        assertThat(masker.mask("\"SessionToken\": \"IQoJb3JpZ2luX2VjEHYaDmFwLW5vcnRoZWFzdC0yIkcwRQ==\""))
                .isEqualTo("\"SessionToken\": \"[masked aws-session-token]\"");
    }

    @Test
    void masksBearerTokensJwtsAndKubeconfigCredentials() {
        assertThat(masker.mask("curl -H 'Authorization: Bearer abcDEF123456.ghi-jkl_mno' https://api"))
                .isEqualTo("curl -H 'Authorization: Bearer [masked token]' https://api");
        String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
        assertThat(masker.mask("token:      " + jwt)).isEqualTo("token:      [masked token]");
        assertThat(masker.mask("    token: 0123456789abcdef0123456789abcdef")).isEqualTo("    token: [masked token]");
        assertThat(masker.mask("    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo="))
                .isEqualTo("    client-key-data: [masked private key]");
        assertThat(masker.mask("mysql --password=s3cr3tpw -h db")).isEqualTo("mysql --password=[masked password] -h db");
    }

    @Test
    void masksWholePrivateKeyBlocksInTextAndInLineStreams() {
        String text = "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAAB3NzaC1yc2E=\n"
                + "-----END OPENSSH PRIVATE KEY-----\nafter";
        assertThat(masker.mask(text)).isEqualTo("before\n[masked private key]\nafter");

        SecretMasker.Lines lines = masker.lines();
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.next(line).ifPresent(out::add);
        }
        assertThat(out).containsExactly("before", "[masked private key]", "after");
        assertThat(masker.mask("key: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----\""))
                .isEqualTo("key: \"[masked private key]\"");
    }

    @Test
    void findsTriggersInAnyCaseAndMasksEverySecretOnALine() {
        assertThat(masker.mask("PASSWORD=Hunter22 TOKEN=0123456789abcdef0123"))
                .isEqualTo("PASSWORD=[masked password] TOKEN=[masked token]");
        assertThat(masker.mask("AUTHORIZATION: BASIC dXNlcjpodW50ZXIy"))
                .isEqualTo("AUTHORIZATION: BASIC [masked credentials]");
        assertThat(masker.mask("AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY bearer abcdefgh12345"))
                .isEqualTo("[masked aws-access-key-id] [masked aws-secret-access-key] bearer [masked token]");
        // Case matters for key ids: lower case is not one.
        assertThat(masker.mask("akiaiosfodnn7example")).isEqualTo("akiaiosfodnn7example");
    }

    @Test
    void masksRegisteredLiterals() {
        masker.addLiteral("hunter2-lbt");
        assertThat(masker.mask("you typed hunter2-lbt!")).isEqualTo("you typed [masked typed secret]!");
    }

    @Test
    void leavesOrdinaryLabOutputAlone() {
        List<String> ordinary = List.of(
                "default via 172.30.0.1 dev ens5 proto dhcp src 172.30.1.100 metric 100",
                "172.30.1.45 dev eni9f2b3c4d5e6 scope link",
                "Chain AWS-SNAT-CHAIN-0 (1 references)",
                "    0     0 RETURN     all  --  *      *       0.0.0.0/0            172.30.0.0/16",
                "arn:aws:iam::123456789012:role/nodes.pkos.example.com",
                "secret/aws-load-balancer-tls created",
                "Password: ",
                "NAME      READY   STATUS    RESTARTS   AGE",
                "sha256:4c1a9b2f6e0d8c7b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b");
        for (String line : ordinary) {
            assertThat(masker.mask(line)).isEqualTo(line);
        }
    }
}
