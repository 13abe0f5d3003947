package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.local.LocalShellOpener;
import io.labbench.sessions.testing.OpenSshServer;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.sessions.testing.TestKeys;
import io.labbench.sessions.testing.TestSshServer;
import io.labbench.sessions.transcript.TranscriptRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line typed (or sent by the guide's Run button) the moment a pane opens, before its shell has printed
 * anything: it runs once, after the prompt, on MINA SSHD in this JVM, on Debian's OpenSSH sshd with a stock
 * home (whose login shell starts fast), under a start-up that discards typeahead, and under a shell that
 * prints nothing at all (sent after the bounded wait, which the log reports).
 */
class TypedBeforeThePromptTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;
    private static final String LINE = "echo first-$((40+2))";

    @TempDir
    Path dir;

    @Test
    void aLineTypedRightAfterConnectingRunsOnceAfterThePromptOnMinaSshd() throws Exception {
        try (TestSshServer server = TestSshServer.start()) {
            TestKeys.KeyFiles key = SshFixture.authorize(dir, server, TestKeys.Type.ECDSA);
            SshFixture.trust(dir, server);
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshFixture.endpoint("node", server, key.privateKey())))
                    .sshSettings(SshFixture.settings(dir)).build()) {
                assertTheLineRunsOnceAfterThePrompt(hub.openTerminal("node", 100, 30));
            }
        }
    }

    @Test
    void aLineTypedRightAfterConnectingRunsOnceAfterThePromptOnOpenSshd() throws Exception {
        Optional<String> noSshd = OpenSshServer.unavailableReason();
        Assumptions.assumeTrue(noSshd.isEmpty(), () -> "OpenSSH's sshd cannot run here: " + noSshd.orElse(""));
        TestKeys.KeyFiles key = TestKeys.generate(dir.resolve("keys"), TestKeys.Type.ECDSA);
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("sshd"), key)) {
            Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            try (SessionHub hub = SessionHub.builder(SshFixture.workspace(SshEndpoint.direct("node", sshd.host(), sshd.port(), "root",
                    List.of(key.privateKey())))).sshSettings(SshFixture.settings(dir)).build()) {
                // several panes, as the app opens four at once: each must run its first line once
                for (int pane = 0; pane < 3; pane++) {
                    assertTheLineRunsOnceAfterThePrompt(hub.openTerminal("node", 100, 30));
                }
            }
        }
    }

    @Test
    void aStartUpThatDiscardsTypeaheadDoesNotLoseTheLine() throws Exception {
        // Like login(1) or getty, this shell's start flushes whatever was typed into its terminal so far,
        // and only then says something: a line typed at once must wait for that.
        TerminalSession terminal = localTerminal("sleep 1; perl -MPOSIX -e 'POSIX::tcflush(0, POSIX::TCIFLUSH)';"
                + " echo ready; read -r line; echo \"got:$line\"", TerminalSession.FIRST_OUTPUT_WAIT);
        terminal.type("first", true);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            probe.awaitContains(0, "got:first", TIMEOUT);
        }
    }

    @Test
    void aShellThatPrintsNothingGetsTheLineAfterTheWaitAndTheLogSaysSo() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(TerminalSession.class.getName());
        log.addHandler(handler);
        try {
            TerminalSession terminal = localTerminal("read -r line; echo \"got:$line\"", Duration.ofSeconds(1));
            terminal.type("first", true);
            try (TerminalProbe probe = new TerminalProbe(terminal)) {
                probe.awaitContains(0, "got:first", TIMEOUT);
            }
            assertThat(logged).anyMatch(message -> message.contains("printed nothing for 1000 ms")
                    && message.contains("sending the 6 bytes typed so far anyway"));
        } finally {
            log.removeHandler(handler);
        }
    }

    /** Types {@link #LINE} before the pane starts reading, then checks what the pane shows. */
    private static void assertTheLineRunsOnceAfterThePrompt(TerminalSession terminal) throws Exception {
        terminal.type(LINE, true);
        try (TerminalProbe probe = new TerminalProbe(terminal)) {
            String shown = probe.awaitContains(0, "first-42\r\n", TIMEOUT);
            assertThat(shown.indexOf(LINE)).as("the shell printed its prompt before the typed line; output:\n%s", shown)
                    .isPositive();
            assertThat(shown.indexOf(LINE, shown.indexOf(LINE) + 1)).as("the typed line is shown once; output:\n%s", shown)
                    .isNegative();
        }
    }

    private TerminalSession localTerminal(String script, Duration firstOutputWait) {
        LocalShellEndpoint shell = new LocalShellEndpoint("local", List.of("bash", "--norc", "--noprofile", "-c", script),
                Map.of(), Optional.of(dir));
        return new TerminalSession("local", new LocalShellOpener(shell), TranscriptRecorder.inMemory(), new TermSize(80, 24),
                firstOutputWait);
    }
}
