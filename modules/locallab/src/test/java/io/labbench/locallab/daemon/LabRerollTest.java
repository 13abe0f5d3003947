package io.labbench.locallab.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabSettingsFile;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.TestLabs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-app "Local lab settings" apply: the study's {@code kops edit cluster} (ENABLE_PREFIX_DELEGATION,
 * kubelet maxPods 110) followed by a rolling update, checked with the real kubectl as the study checks it.
 */
class LabRerollTest {

    @TempDir
    Path stateRoot;

    @Test
    void rerollingWithPrefixDelegationShows110PodsAllocatableAndTheAwsNodeEnvAndIsRememberedForTheNextStart() throws Exception {
        String rulesBefore = TestLabs.sh("ip", "rule");
        String routesBefore = TestLabs.sh("ip", "route", "show", "table", "all");
        LabSettings before = TestLabs.settings(stateRoot);
        LabSettings after = before.withPrefixDelegation(110);
        try {
            LabStatus first = LabDaemonLauncher.start(before, (d, t, m) -> { }, Duration.ofSeconds(120));
            assertThat(allocatableBlocks(kubectl(before, "describe", "node", "-l", "node-role.kubernetes.io/node")))
                    .hasSize(2).allSatisfy(block -> assertThat(block).containsPattern("pods:\\s+17\\b"));

            List<String> steps = new ArrayList<>();
            LabStatus second = LabReroll.reroll(before, after, (d, t, m) -> steps.add(d + "/" + t + " " + m), Duration.ofSeconds(120));

            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(second.prefixDelegation()).isTrue();
            assertThat(second.nodes()).filteredOn(n -> n.name().startsWith("worker")).extracting(LabStatus.Node::maxPods)
                    .containsOnly(110);
            // the down step, then one per part of the new lab's up
            int total = 1 + io.labbench.locallab.LocalLab.upSteps(after);
            assertThat(steps.get(0)).startsWith("0/" + total + " Taking the nodes down");
            assertThat(steps).last().isEqualTo(total + "/" + total + " Lab is up");

            String nodes = kubectl(after, "describe", "node", "-l", "node-role.kubernetes.io/node");
            List<String> allocatable = allocatableBlocks(nodes);
            assertThat(allocatable).hasSize(2).allSatisfy(block -> assertThat(block).containsPattern("pods:\\s+110\\b"));
            assertThat(kubectl(after, "get", "ds", "aws-node", "-n", "kube-system", "-o",
                    "jsonpath={range .spec.template.spec.containers[0].env[*]}{.name}={.value}{\"\\n\"}{end}"))
                    .contains("ENABLE_PREFIX_DELEGATION=true");
            assertThat(LabSettingsFile.load(before).settings()).isEqualTo(after);
        } finally {
            LabDaemonLauncher.stop(after, Duration.ofSeconds(60));
        }
        TestLabs.assertNothingLeft(after, rulesBefore, routesBefore);
    }

    /** The lines under each node's {@code Allocatable:} heading, up to the next heading. */
    private static List<String> allocatableBlocks(String describe) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : describe.split("\n")) {
            if (line.startsWith("Allocatable:")) {
                block = new StringBuilder();
            } else if (block != null && !line.startsWith(" ")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private String kubectl(LabSettings settings, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", settings.kubeconfig().toString(),
                "--cache-dir", stateRoot.resolve("kube-cache").toString()));
        argv.addAll(List.of(args));
        return TestLabs.sh(argv.toArray(String[]::new));
    }
}
