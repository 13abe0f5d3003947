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

    @Test
    void masksGitHubTokensWhereverTheyAppear() {
        String classic = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        String fine = "github_pat_11ABCDEFG0123456789abc_" + "x".repeat(59);
        assertThat(masker.mask("export GITHUB_TOKEN=" + classic)).doesNotContain(classic.substring(4));
        assertThat(masker.mask("curl -H 'Authorization: token " + classic + "' https://api.github.com/user"))
                .isEqualTo("curl -H 'Authorization: token [masked github-token]' https://api.github.com/user");
        assertThat(masker.mask("git clone https://" + classic + "@github.com/org/lab.git"))
                .isEqualTo("git clone https://[masked github-token]@github.com/org/lab.git");
        assertThat(masker.mask(fine)).isEqualTo("[masked github-token]");
    }

    @Test
    void masksAwsSecretsGivenWithoutEqualsOrColon() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertThat(masker.mask("aws configure set aws_secret_access_key " + secret))
                .isEqualTo("aws configure set aws_secret_access_key [masked aws-secret-access-key]");
        assertThat(masker.mask("$ aws configure get aws_secret_access_key\n" + secret + "\n$ "))
                .isEqualTo("$ aws configure get aws_secret_access_key\n[masked aws-secret-access-key]\n$ ");
        assertThat(masker.mask("AWS Secret Access Key [None]: " + secret))
                .isEqualTo("AWS Secret Access Key [None]: [masked aws-secret-access-key]");
    }

    @Test
    void theLineAfterConfigureGetIsMaskedWhateverTheCommandsCase() {
        // A session token on a line of its own has no name beside it and no fixed width: only the command before it
        // says what it is, and a shell (or a learner with caps lock) may spell that command in any case.
        String token = "IQoJb3JpZ2luX2VjEHYaDmFwLW5vcnRoZWFzdC0yIkcwRQIhAJ7mGzXq8y3Vd5bLwW2kCvZa9uNf";
        for (String command : List.of("aws configure get aws_session_token", "AWS CONFIGURE GET AWS_SESSION_TOKEN",
                "aws Configure get aws_session_token --profile lab")) {
            assertThat(masker.mask("$ " + command + "\n" + token + "\n$ "))
                    .isEqualTo("$ " + command + "\n[masked aws-secret-access-key]\n$ ");
        }
    }

    @Test
    void masksPasswordsOnCommandLinesAndInUrls() {
        assertThat(masker.mask("mysql -u root -pS3cr3t-pw -h db")).isEqualTo("mysql -u root -p[masked password] -h db");
        assertThat(masker.mask("sshpass -p 'S3cr3t-pw' ssh ubuntu@10.0.1.5"))
                .isEqualTo("sshpass -p '[masked password]' ssh ubuntu@10.0.1.5");
        assertThat(masker.mask("curl -u admin:S3cr3t-pw https://10.0.1.5/api"))
                .isEqualTo("curl -u admin:[masked password] https://10.0.1.5/api");
        assertThat(masker.mask("git clone https://admin:S3cr3t-pw@git.lab.internal/lab.git"))
                .isEqualTo("git clone https://admin:[masked password]@git.lab.internal/lab.git");
        assertThat(masker.mask("DB_PASSWORD=S3cr3t-pw")).isEqualTo("DB_PASSWORD=[masked password]");
        assertThat(masker.mask("curl http://localhost:8080")).isEqualTo("curl http://localhost:8080");
    }

    @Test
    void aSecretWrappedOntoTheNextLineIsMaskedOnBothSides() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        String line = "[root@kops-ec2 ~]# export AWS_SECRET_ACCESS_KEY=" + secret.substring(0, 12);
        String masked = masker.mask(line + "\n" + secret.substring(12) + " && aws sts get-caller-identity");
        assertThat(masked).doesNotContain(secret.substring(0, 12)).doesNotContain(secret.substring(12))
                .endsWith(" && aws sts get-caller-identity");
    }

    @Test
    void masksTextThatStillHasAnsiCodes() {
        assertThat(masker.mask("\u001b[32mexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/\u001b[1mbPxRfiCYEXAMPLEKEY\u001b[0m"))
                .isEqualTo("export AWS_SECRET_ACCESS_KEY=[masked aws-secret-access-key]");
    }

    @Test
    void aKeyBlockThatNeverEndsStopsAtTheFirstLineThatIsNotKeyMaterial() {
        String text = "[root@kops-ec2 ~]# head -3 ~/.ssh/id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n"
                + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
                + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
                + "[root@kops-ec2 ~]# ip route\ndefault via 172.30.0.1 dev ens5";
        assertThat(masker.mask(text)).isEqualTo("[root@kops-ec2 ~]# head -3 ~/.ssh/id_rsa\n[masked private key]\n"
                + "[root@kops-ec2 ~]# ip route\ndefault via 172.30.0.1 dev ens5");
    }
}
