package io.labbench.sessions.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.labbench.sessions.transcript.TranscriptRecorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TerminalReadWarmUpTest {

    /** The made-up secret values planted in the warm-up's stream, as a learner's transcript would show them. */
    private static final List<String> PLANTED = List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "bPxRfiCYWARMUPKEY",
            "bPxRfiCYWARMUP0KEY", "EXAMPLEwarmUpToken", "ghp_WarmUp0123", "d2FybS11cC1iZWFyZXItdG9rZW4", "d2FybTp1cA",
            "d2FybS11cC1zaWduYXR1cmU", "0123456789abcdef0123", "LS0tLS1CRUdJTiBXQVJNLVVQIEtFWS0tLS0t", "warm-up-secret",
            "WarmUpSecret", "b3BlbnNzaC1rZXktdjEAAAAA", "AKIAIOSFODNN7EXAMPLE");

    @Test
    @Timeout(60)
    void runsThePathToTheEndAndLeavesTheRecorderWithLines() throws Exception {
        TerminalReadWarmUp.Result result = TerminalReadWarmUp.run();

        assertTrue(result.megabytes() >= 1 && result.megabytes() <= TerminalReadWarmUp.MAX_MEGABYTES, result.toString());
        // the writer thread stripped and kept the lines: the stream went through the whole transcript path
        assertTrue(result.recentLines() > 0, result.toString());
    }

    @Test
    void itsStreamGoesThroughEveryMaskingRuleAndNoneOfItsSecretsComesOut() {
        String stream = new String(TerminalReadWarmUp.shellOutput(200_000), StandardCharsets.UTF_8);
        for (String secret : PLANTED) {
            assertTrue(stream.contains(secret), "the warm-up's stream plants " + secret);
        }
        try (TranscriptRecorder recorder = TranscriptRecorder.inMemory()) {
            recorder.output(stream);
            List<String> lines = recorder.recentLines(2000);
            String transcript = String.join("\n", lines);
            for (String secret : PLANTED) {
                assertFalse(transcript.contains(secret), secret + " reached the transcript");
            }
            Set<String> kinds = new TreeSet<>();
            Matcher marks = Pattern.compile("\\[masked ([a-z -]+)]").matcher(transcript);
            while (marks.find()) {
                kinds.add(marks.group(1));
            }
            // every label the rules give, so that each rule's pattern and the private-key block are exercised
            assertEquals(Set.of("aws-access-key-id", "aws-secret-access-key", "aws-session-token", "credentials",
                    "github-token", "password", "private key", "token"), kinds, transcript.substring(0, 2000));
            assertTrue(transcript.contains("KUBE-SEP-3JZ2RVCEXTVNYWSM"), "plain lines stay as they are");
        }
    }
}
