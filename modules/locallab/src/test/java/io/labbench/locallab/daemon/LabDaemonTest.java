package io.labbench.locallab.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStateFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.TestLabs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab in its own process: started detached, found after a crash, stopped without leftovers. */
class LabDaemonTest {

    @TempDir
    Path stateRoot;

    @Test
    void aLabLeftByACrashedDaemonIsRemovedOnTheNextStartAndStopLeavesNothing() throws Exception {
        String rulesBefore = TestLabs.sh("ip", "rule");
        String routesBefore = TestLabs.sh("ip", "route", "show", "table", "all");
        LabSettings settings = TestLabs.settings(stateRoot);
        try {
            List<String> steps = new ArrayList<>();
            LabStatus first = LabDaemonLauncher.start(settings, (d, t, m) -> steps.add(d + "/" + t + " " + m), Duration.ofSeconds(120));
            assertThat(first.running()).isTrue();
            int parts = io.labbench.locallab.LocalLab.upSteps(settings);
            assertThat(steps).contains(parts + "/" + parts + " Lab is up");
            assertThat(first.nodes()).extracting(LabStatus.Node::name).containsExactly("kops-ec2", "master", "worker1", "worker2");
            assertThat(LabDaemonLauncher.status(settings).pid()).isEqualTo(first.pid());

            // crash: SIGKILL leaves namespaces behind (the relays die with it: pdeathsig)
            ProcessHandle daemon = ProcessHandle.of(first.pid()).orElseThrow();
            daemon.destroyForcibly();
            daemon.onExit().get(30, TimeUnit.SECONDS);
            assertThat(TestLabs.sh("ip", "netns", "list")).contains(settings.prefix() + "-worker1");
            assertThat(LabDaemonLauncher.status(settings).running()).isFalse();
            assertThat(LabStateFile.readState(settings)).isPresent();

            LabStatus second = LabDaemonLauncher.start(settings, (d, t, m) -> { }, Duration.ofSeconds(120));
            assertThat(second.running()).isTrue();
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(TestLabs.sh("ip", "netns", "list").lines().filter(l -> l.startsWith(settings.prefix() + "-worker1")).count())
                    .isEqualTo(1);
        } finally {
            List<String> removed = LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
            assertThat(removed).anyMatch(r -> r.startsWith("stopped lab daemon"));
        }
        TestLabs.assertNothingLeft(settings, rulesBefore, routesBefore);
    }
}
