package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real remote shell prints secrets; the transcript file must hold none of them. */
class SshTranscriptMaskingTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TYPED_PASSWORD = "lbt-Hunter2-pw";

    @TempDir
    Path dir;

    @Test
    void transcriptMasksPrintedSecretsAndNeverHoldsAPasswordTypedWithEchoOff() throws Exception {
        try (TestSshServer server = TestSshServer.start()) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ED25519);
            SshFixture.trust(dir, server);
            String privateKeyText = Files.readString(key.privateKey(), StandardCharsets.UTF_8);
            String privateKeyBody = privateKeyText.lines().skip(1).findFirst().orElseThrow();
            Path transcript;
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("kops-ec2", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir)).transcripts(dir.resolve("transcripts")).build()) {
                TerminalSession terminal = hub.openTerminal("kops-ec2", 120, 40);
                try (TerminalProbe probe = new TerminalProbe(terminal)) {
                    probe.type("export AWS_ACCESS_KEY_ID=" + ACCESS_KEY_ID + " AWS_SECRET_ACCESS_KEY=" + SECRET_KEY + "\r");
                    probe.type("printf '%s,%s\\n' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\"\r");
                    probe.type("cat " + key.privateKey() + "\r");
                    probe.type("echo \"Authorization: Bearer lbt0123456789token\"\r");
                    probe.awaitContains(0, "lbt0123456789token\r\n", TIMEOUT);
                    int promptMark = probe.length();
                    probe.type("read -s -p 'Password: ' pw; echo; echo \"length=${#pw}\"\r");
                    // The prompt itself, at the start of a line, not the echo of the command that asks for it.
                    probe.await(promptMark, seen -> seen.contains("\nPassword: ") || seen.contains("\rPassword: "), TIMEOUT,
                            "the Password: prompt");
                    int mark = probe.length();
                    probe.type(TYPED_PASSWORD + "\r");
                    probe.awaitContains(mark, "length=" + TYPED_PASSWORD.length(), TIMEOUT);
                    assertThat(probe.outputSince(mark)).as("echo was off").doesNotContain(TYPED_PASSWORD);
                    mark = probe.length();
                    probe.type("echo \"later: $pw\"\r");
                    probe.awaitContains(mark, "later: " + TYPED_PASSWORD, TIMEOUT);
                    probe.type("echo done-marker\r");
                    probe.awaitContains(mark, "done-marker\r\n", TIMEOUT);
                }
                transcript = terminal.transcriptFile().orElseThrow();
            }
            String recorded = Files.readString(transcript, StandardCharsets.UTF_8);
            assertThat(transcript.getParent()).isEqualTo(dir.resolve("transcripts"));
            assertThat(recorded).contains("done-marker").contains("length=" + TYPED_PASSWORD.length());
            assertThat(recorded).doesNotContain(ACCESS_KEY_ID, SECRET_KEY, privateKeyBody, "lbt0123456789token", TYPED_PASSWORD);
            assertThat(recorded).contains("[masked aws-access-key-id]", "[masked aws-secret-access-key]",
                    "[masked private key]", "Bearer [masked token]", "later: [masked typed secret]");
            assertThat(recorded).doesNotContain("\u001b");
        }
    }
}
