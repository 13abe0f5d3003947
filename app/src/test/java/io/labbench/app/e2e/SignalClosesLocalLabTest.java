package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.locallab.TestLabs;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.locallab.settings.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner who ends the app with Ctrl-C in the terminal that started it (or a logout's SIGTERM) gets
 * what closing the window gives: the window's layout saved and the local lab taken down, not a lab
 * daemon and its namespaces left running with nothing to stop them but {@code labbench lab down}.
 * The real app in its own JVM (headless Monocle), on a lab under a random {@code lbt…} prefix; root.
 */
class SignalClosesLocalLabTest {

    @TempDir
    Path home;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigtermSavesTheLayoutAndTakesTheLabDown() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "the local lab needs root (network namespaces)");
        LabSettings settings = TestLabs.settings(home.resolve("state").resolve("locallab"));
        String prefix = settings.prefix();
        Path uiSettings = home.resolve("config").resolve("settings.json");

        Process app = new ProcessBuilder(appCommand(prefix)).redirectErrorStream(true)
                .redirectOutput(home.resolve("app.log").toFile()).start();
        try {
            long pid = awaitLabUp(settings, app, Duration.ofSeconds(120));
            assertThat(uiSettings).as("nothing saved before the app ends").doesNotExist();

            app.destroy(); // SIGTERM
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app ends within a minute of SIGTERM; its log:\n%s", log())
                    .isTrue();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the lab's daemon (pid %d) is gone; app log:\n%s", pid, log()).isFalse();
            assertThat(LabDaemonLauncher.status(settings).running()).isFalse();
            assertThat(sh("ip", "netns", "list")).doesNotContain(prefix + "-");
            assertThat(uiSettings).as("the window's layout was saved as on a close").exists();
            assertThat(Files.readString(uiSettings)).contains("window");
        } finally {
            app.destroyForcibly();
            if (LabDaemonLauncher.status(settings).running()) {
                LabDaemonLauncher.stop(settings, Duration.ofSeconds(20));
            }
        }
    }

    /** The app's JVM as `./labbench` starts it, but headless and with its files under the test's folder. */
    private List<String> appCommand(String prefix) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true",
                "-Dlabbench.home=" + home, "-Dlabbench.lab.prefix=" + prefix,
                "-Dlabbench.assets=" + System.getProperty("labbench.assets", Path.of("..", "assets").toAbsolutePath().toString()),
                "io.labbench.app.Launcher", "--backend", "local"));
        return command;
    }

    /** The daemon's pid once the lab reports itself up. */
    private long awaitLabUp(LabSettings settings, Process app, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            var status = LabDaemonLauncher.status(settings);
            if (status.running() && status.pid() > 0) {
                return status.pid();
            }
            assertThat(app.isAlive()).as("the app is still running; its log:\n%s", log()).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("the local lab did not come up within " + patience + "; app log:\n" + log());
    }

    private String log() {
        try {
            return Files.readString(home.resolve("app.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
