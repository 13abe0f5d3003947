package io.labbench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.testing.TerminalProbe;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTerminalSessionTest {

    private static final Duration TIMEOUT = SshFixture.WAIT;

    @TempDir
    Path dir;

    @Test
    void localPtyShellEchoesResizesAndEndsOnExit() throws Exception {
        LocalShellEndpoint bash = new LocalShellEndpoint("local", List.of("bash", "--norc", "--noprofile", "-i"),
                Map.of("PS1", "lbt-local$ ", "HISTFILE", "/dev/null"), Optional.of(dir));
        Workspace workspace = new Workspace("lbt-local", Backend.LOCAL, List.of(bash), Map.of());
        try (SessionHub hub = SessionHub.builder(workspace).transcripts(dir.resolve("transcripts")).build()) {
            assertThat(hub.status("local").state()).isEqualTo(ConnectionState.CONNECTED);
            TerminalSession terminal = hub.openTerminal("local", 90, 30);
            try (TerminalProbe probe = new TerminalProbe(terminal)) {
                probe.type("stty size; pwd\r");
                probe.awaitContains(0, "30 90", TIMEOUT);
                probe.awaitContains(0, dir.toRealPath().toString(), TIMEOUT);
                int mark = probe.length();
                terminal.resize(new TermSize(100, 35));
                probe.type("stty size\r");
                probe.awaitContains(mark, "35 100", TIMEOUT);
                probe.type("exit 3\r");
                assertThat(probe.awaitEnd(TIMEOUT)).isTrue();
            }
            assertThat(terminal.status()).isInstanceOfSatisfying(TerminalStatus.ClosedByExit.class,
                    exited -> assertThat(exited.exitCode()).isEqualTo(3));
            assertThat(terminal.recentLines(100)).anyMatch(line -> line.contains("35 100"));
        }
    }
}
