package io.labbench.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.FAKE_SECRET_KEY;
import static io.labbench.aws.testing.FakeAwsEndpoint.queryError;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.aws.cfn.StackForm;
import io.labbench.aws.cfn.StackTemplate;
import io.labbench.aws.testing.FakeAwsEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs failing and succeeding flows with recognisable fake keys and checks that the secret key shows
 * up nowhere a learner could copy it from: problem texts, exception messages, log records, stdout/err,
 * or the request bodies sent to AWS (the secret signs requests; it is never sent).
 */
class SecretsNeverLeakTest {

    @Test
    void secretKeyAppearsInNoMessageLogOrRequest() throws Exception {
        List<String> seen = new ArrayList<>();
        Logger root = Logger.getLogger("");
        Level oldLevel = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getMessage() + " " + record.getParameters());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (FakeAwsEndpoint aws = new FakeAwsEndpoint(); AwsClientFactory clients = aws.clients()) {
            aws.on("GetCallerIdentity", queryError(403, "ExpiredToken", "The security token included in the request is expired"));
            try {
                new IdentityCheck(clients.sts()).whoAmI();
            } catch (AwsFailure failure) {
                seen.add(failure.getMessage());
                seen.add(failure.problem().toString());
                seen.add(String.valueOf(failure.getCause()));
            }
            StackTemplate template = StackTemplate.parse(FakeAwsEndpoint.resource("cfn/kops-oneclick-like.yaml"), "t.yaml");
            Map<String, String> values = Map.of("MyIamUserSecretAccessKey", FAKE_SECRET_KEY, "KeyName", "kp");
            seen.add(new StackForm(template).masked(values).toString());
            seen.add(new StackForm(template).validate(values).toString());
            aws.requests().forEach(r -> seen.add(r.path() + " " + r.body() + " " + r.params()));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        seen.add(console.toString(StandardCharsets.UTF_8));
        assertThat(seen).isNotEmpty();
        assertThat(seen).noneMatch(text -> text.contains(FAKE_SECRET_KEY));
        assertThat(String.join("\n", seen)).contains("expired");
    }
}
