package io.labbench.sessions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.LocalShellEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runsThroughBashInTheEndpointsFolderWithItsEnvironment() throws Exception {
        LocalShellEndpoint endpoint = new LocalShellEndpoint("local", List.of("bash", "-l"), Map.of("LBT_NODE", "worker1"),
                Optional.of(dir));
        CommandResult result = new LocalCommandRunner(endpoint).run("echo \"$LBT_NODE in $(pwd)\"; echo oops >&2; exit 4",
                Duration.ofSeconds(30));
        assertThat(result.stdout()).isEqualTo("worker1 in " + dir.toRealPath() + "\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
        assertThat(result.exitCode()).isEqualTo(4);
    }

    @Test
    void killsACommandThatOverrunsItsTimeout() {
        LocalCommandRunner runner = new LocalCommandRunner(LocalShellEndpoint.loginShell("local"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run("sleep 30; echo never", Duration.ofMillis(800)))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.TIMED_OUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void largeOutputOnBothStreamsDoesNotDeadlock() throws Exception {
        LocalCommandRunner runner = new LocalCommandRunner(LocalShellEndpoint.loginShell("local"));
        CommandResult result = runner.run("head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o",
                Duration.ofSeconds(30));
        assertThat(result.stdout()).hasSize(300000);
        assertThat(result.stderr()).hasSize(300000);
    }
}
