package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's max-pods exercise: nginx scaled to 30 on t3.medium workers (17 pods each, 2 vCPU, 100m
 * per container from the LimitRange), then the prefix-delegation switch to maxPods 110.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerAgainstStudyLimitsTest {

    private static final List<String> WORKERS = List.of("i-0f395f78142396d9d", "i-01cadf0d8d3c7a565");
    @TempDir
    static Path dir;
    private InMemoryPodNetwork network;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        network = InMemoryPodNetwork.study();
        api = LocalKubeApi.start(network, dir.resolve("config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
        kubectl.await(out -> out.contains("ebs-csi-controller") && !out.contains("Pending"), "get", "pod", "-A");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void nginxAtThirtyHitsTooManyPodsThenMaxPods110RunsMoreUntilCpuRunsOut() {
        Map<String, Long> before = podsPerNode();
        Map<String, Long> cpuBefore = WORKERS.stream().collect(Collectors.toMap(Function.identity(), this::cpuRequestedMillis));
        long byFormula = WORKERS.stream().mapToLong(w -> 17 - before.getOrDefault(w, 0L)).sum();

        kubectl.ok("apply", "-f", StudyManifests.file(dir, "nginx-dp.yaml").toString());
        assertThat(kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=30")).contains("scaled");
        awaitPhases(30, byFormula);
        Map<String, Long> full = podsPerNode();
        WORKERS.forEach(w -> assertThat(full.get(w)).as("pods on " + w).isEqualTo(17L));

        String pending = kubectl.ok("get", "pod", "-l", "app=nginx", "--field-selector=status.phase=Pending", "-o",
                "jsonpath={.items[0].metadata.name}");
        assertThat(kubectl.ok("get", "pod", pending, "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")).isEqualTo("Unschedulable");
        String describe = kubectl.ok("describe", "pod", pending);
        assertThat(describe).containsPattern("Status:\\s+Pending").containsPattern("Warning\\s+FailedScheduling")
                .contains("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods.");

        network.setMaxPods(110);
        api.refreshNodes();
        kubectl.await(out -> out.equals("110 110 110"), "get", "nodes", "-o", "jsonpath={.items[*].status.allocatable.pods}");
        long byCpu = WORKERS.stream().mapToLong(w -> (2000 - cpuBefore.get(w)) / 100).sum();
        assertThat(byCpu).as("the CPU budget lets all 30 run, as in the study").isGreaterThanOrEqualTo(30).isLessThan(40);
        awaitPhases(30, 30);
        assertThat(kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=40")).contains("scaled");
        awaitPhases(40, byCpu);
        String cpuPending = kubectl.ok("get", "pod", "-l", "app=nginx", "--field-selector=status.phase=Pending", "-o",
                "jsonpath={.items[0].metadata.name}");
        assertThat(kubectl.ok("describe", "pod", cpuPending)).contains("2 Insufficient cpu");
    }

    private void awaitPhases(int total, long running) {
        kubectl.await(out -> count(out, "Running") == running && count(out, "Pending") == total - running,
                "get", "pod", "-l", "app=nginx", "-o", "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}");
    }

    private static long count(String out, String phase) {
        return out.lines().filter(phase::equals).count();
    }

    private Map<String, Long> podsPerNode() {
        return kubectl.ok("get", "pod", "-A", "--no-headers", "-o", "custom-columns=NODE:.spec.nodeName").lines()
                .filter(l -> !l.equals("<none>"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private long cpuRequestedMillis(String node) {
        String describe = kubectl.ok("describe", "node", node);
        Matcher m = Pattern.compile("\\n  cpu\\s+(\\d+)m \\(").matcher(describe.substring(describe.indexOf("Allocated resources:")));
        assertThat(m.find()).as("Allocated resources cpu line of " + node).isTrue();
        return Long.parseLong(m.group(1));
    }
}
