package io.labbench.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.watch.testing.LocalShellRunner;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudyWatchesTest {

    @Test
    void theStudysWatchesAreReadyMadeOnAnyNode() {
        assertThat(StudyWatches.templates()).extracting(StudyWatches.Template::id).contains(
                "links", "addresses", "routes", "routes-eni", "rules", "iptables-nat", "iptables-snat-0",
                "iptables-snat-1", "iptables-kube-postrouting", "iptables-kube-services", "iptables-mangle",
                "conntrack", "pods", "nodes", "services");
        WatchDefinition snat = StudyWatches.on("iptables-snat-0", "worker2").orElseThrow();
        assertThat(snat.endpoint()).isEqualTo("worker2");
        assertThat(snat.command()).isEqualTo("iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x");
        assertThat(snat.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(snat.zeroCounters().orElseThrow().command()).isEqualTo("iptables -Z AWS-SNAT-CHAIN-0 -t nat");
        assertThat(StudyWatches.on("iptables-nat", "worker1").orElseThrow().zeroCounters().orElseThrow().command())
                .isEqualTo("iptables -Z -t nat");
        assertThat(StudyWatches.on("links", "worker1").orElseThrow().defaultFilter()).isEqualTo("ens|eni");
        assertThat(StudyWatches.on("no-such-watch", "worker1")).isEmpty();
    }

    @Test
    void everyWatchTheLabFilesOpenIsAReadyMadeOne() throws Exception {
        java.nio.file.Path labs = java.nio.file.Path.of("../../assets/labs");
        java.util.Set<String> ids = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(labs)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*-?\\s*watch:\\s*([\\w-]+)")
                        .matcher(java.nio.file.Files.readString(file));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        assertThat(ids).as("watch ids in assets/labs").contains("iptables-snat", "kubectl-pods", "routes");
        assertThat(ids).allSatisfy(id -> assertThat(StudyWatches.on(id, "worker1")).as("watch: " + id).isPresent());
        // an alias opens the same panel as the ready-made id
        assertThat(StudyWatches.on("iptables-snat", "worker1").orElseThrow().panelKey()).isEqualTo("worker1/iptables-snat-0");
        assertThat(StudyWatches.on("kubectl-svc", "kops-ec2").orElseThrow().command()).isEqualTo("kubectl get svc,ep");
    }

    @Test
    void intervalsOutsideTheAllowedRangeAreRefusedWithTheRange() {
        assertThatThrownBy(() -> WatchDefinition.custom("worker1", "ip rule", Optional.empty(), Duration.ofMillis(100)))
                .hasMessageContaining("0.5–60 s");
        assertThatThrownBy(() -> WatchDefinition.custom("worker1", " ", Optional.empty(), Duration.ofSeconds(2)))
                .hasMessageContaining("needs a command");
    }

    @Test
    void privilegedCommandsRunDirectlyForRootAndKeepTheirQuoting() throws Exception {
        WatchDefinition watch = new WatchDefinition("t", "t", "local", "echo 'it''s' \"$(id -u)\"", Optional.empty(),
                Duration.ofSeconds(2), true, Optional.empty(), "");
        // These tests run as root (no sudo installed here): the command must run as is.
        assertThat(new LocalShellRunner("local").run(watch.executedCommand(), Duration.ofSeconds(20)).stdout())
                .isEqualTo("its 0\n");
    }
}
