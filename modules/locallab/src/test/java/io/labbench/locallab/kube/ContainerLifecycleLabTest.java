package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.RunningTestLab;
import io.labbench.locallab.SharedTestLab;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code kubectl get pod} and {@code describe} show a learner about a pod's life on a real lab: its
 * age and times taken when it was made, and the kubelet's states when a container cannot start, keeps
 * exiting or ends for good, as a real node reports them.
 */
@ExtendWith(SharedTestLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLifecycleLabTest {

    private static final String RFC3339_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private RunningTestLab running;
    private Kubectl kubectl;

    @BeforeAll
    void up(RunningTestLab running) throws Exception {
        this.running = running;
        kubectl = running.kubectl();
    }

    @Test
    void aNewPodIsSecondsOldAndItsTimesAreTakenInUtcWhenItIsMade() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        kubectl.ok("run", "fresh", "--image=busybox", "--", "sleep", "3600");
        kubectl.awaitRunning(1, "fresh");
        String row = kubectl.ok("get", "pod", "fresh", "-o", "wide", "--no-headers");
        String age = Kubectl.columns(row).get(4);
        assertThat(age).as("AGE in " + row).matches("\\d+s");
        assertThat(Integer.parseInt(age.replace("s", ""))).isLessThan(60);

        Instant after = Instant.now();
        for (String path : List.of("{.metadata.creationTimestamp}", "{.status.startTime}",
                "{.status.containerStatuses[0].state.running.startedAt}")) {
            assertTakenBetween(kubectl.ok("get", "pod", "fresh", "-o", "jsonpath=" + path), before, after, path);
        }
        String eventTimes = kubectl.ok("get", "events", "--field-selector", "involvedObject.name=fresh",
                "-o", "jsonpath={range .items[*]}{.firstTimestamp} {.lastTimestamp}{\"\\n\"}{end}");
        assertThat(eventTimes.lines().toList()).as("the pod's events").isNotEmpty();
        eventTimes.lines().flatMap(l -> List.of(l.split(" ")).stream())
                .forEach(t -> assertTakenBetween(t, before, after, "an event's timestamp"));
    }

    @Test
    void anApplyKeepsThePodsCreationTimeAndAPodMadeAgainUnderTheSameNameGetsANewOne() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: remade
                  labels:
                    round: "%s"
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: main
                    image: busybox
                    command: ["sleep", "3600"]
                """;
        running.apply("remade.yaml", manifest.formatted("1"));
        String first = kubectl.ok("get", "pod", "remade", "-o", "jsonpath={.metadata.uid} {.metadata.creationTimestamp}");
        Thread.sleep(1100);
        running.apply("remade.yaml", manifest.formatted("2"));
        assertThat(kubectl.ok("get", "pod", "remade", "-o", "jsonpath={.metadata.labels.round}")).isEqualTo("2");
        assertThat(kubectl.ok("get", "pod", "remade", "-o", "jsonpath={.metadata.uid} {.metadata.creationTimestamp}"))
                .as("an apply of the existing pod").isEqualTo(first);

        kubectl.ok("delete", "pod", "remade", "--wait=true", "--timeout=60s");
        running.apply("remade.yaml", manifest.formatted("3"));
        String[] second = kubectl.ok("get", "pod", "remade", "-o", "jsonpath={.metadata.uid} {.metadata.creationTimestamp}")
                .split(" ");
        assertThat(second[0]).as("a new object's uid").isNotEqualTo(first.split(" ")[0]);
        assertThat(Instant.parse(second[1])).as("the new pod's creationTimestamp").isAfter(Instant.parse(first.split(" ")[1]));
    }

    @Test
    void aCommandTheImageLacksNeverRunsAndTheKubeletBacksOffAsForACrash() {
        kubectl.ok("run", "typo", "--image=busybox", "--", "sleeep", "3600");
        String row = kubectl.await(out -> Kubectl.columns(out).get(2).equals("CrashLoopBackOff"), "get", "pod", "typo",
                "--no-headers");
        assertThat(Kubectl.columns(row).get(1)).as("READY").isEqualTo("0/1");
        assertThat(Integer.parseInt(Kubectl.columns(row).get(3))).as("RESTARTS").isGreaterThanOrEqualTo(1);
        String terminated = kubectl.ok("get", "pod", "typo", "-o",
                "jsonpath={.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}");
        assertThat(terminated).isEqualTo("StartError 128");
        assertThat(kubectl.ok("describe", "pod", "typo")).contains("exec: \"sleeep\": executable file not found in $PATH")
                .contains("Back-off restarting failed container").contains("Exit Code:    128");
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=typo,reason=Failed", "-o",
                "jsonpath={.items[*].type}")).contains("Warning");
        assertThat(kubectl.ok("logs", "typo")).as("what the container printed: it never ran").isEmpty();
        assertThat(kubectl.ok("logs", "typo", "--previous")).isEmpty();
        // the second restart waits out the first back-off (10 s)
        kubectl.await(out -> Integer.parseInt(Kubectl.columns(out).get(3)) >= 2, "get", "pod", "typo", "--no-headers");
        kubectl.ok("delete", "pod", "typo", "--grace-period=0", "--force");
    }

    @Test
    void aContainerThatExitsAtOnceCrashLoopsAndItsOutputStaysReadable() {
        kubectl.ok("run", "brief", "--image=busybox", "--", "sh", "-c", "echo said-something; exit 0");
        String row = kubectl.await(out -> Kubectl.columns(out).get(2).equals("CrashLoopBackOff"), "get", "pod", "brief",
                "--no-headers");
        assertThat(Kubectl.columns(row).get(1)).as("READY").isEqualTo("0/1");
        assertThat(kubectl.ok("get", "pod", "brief", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.reason}"))
                .isEqualTo("Completed");
        assertThat(kubectl.ok("logs", "brief", "--previous")).contains("said-something");
        kubectl.ok("delete", "pod", "brief", "--grace-period=0", "--force");
    }

    @Test
    void podsThatDoNotRestartEndAsErrorCompletedOrStartError() {
        kubectl.ok("run", "once-fails", "--image=busybox", "--restart=Never", "--", "sh", "-c", "echo bye; exit 2");
        kubectl.ok("run", "once-ok", "--image=busybox", "--restart=OnFailure", "--", "sh", "-c", "echo done");
        kubectl.ok("run", "once-typo", "--image=busybox", "--restart=Never", "--", "no-such-program");
        assertEnds("once-fails", "Error", "Failed");
        assertEnds("once-ok", "Completed", "Succeeded");
        assertEnds("once-typo", "StartError", "Failed");
        assertThat(kubectl.ok("logs", "once-fails")).contains("bye");
        kubectl.ok("delete", "pod", "once-fails", "once-ok", "once-typo", "--grace-period=0", "--force");
    }

    @Test
    void aContainerTheRuntimeCannotCreateWaitsNotReadyInsteadOfRunning() throws Exception {
        running.apply("unmountable.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: unmountable
                spec:
                  terminationGracePeriodSeconds: 0
                  volumes:
                  - name: cache
                    emptyDir: {}
                  containers:
                  - name: main
                    image: busybox
                    command: ["sleep", "3600"]
                    volumeMounts:
                    - name: cache
                      mountPath: /no-such-folder-on-the-lab-host
                """);
        String row = kubectl.await(out -> Kubectl.columns(out).get(2).equals("CreateContainerError"), "get", "pod",
                "unmountable", "--no-headers");
        assertThat(Kubectl.columns(row).get(1)).as("READY").isEqualTo("0/1");
        assertThat(kubectl.ok("get", "pod", "unmountable", "-o", "jsonpath={.status.phase}")).isEqualTo("Pending");
        assertThat(kubectl.ok("describe", "pod", "unmountable")).contains("/no-such-folder-on-the-lab-host");
        kubectl.ok("delete", "pod", "unmountable", "--grace-period=0", "--force");
    }

    private void assertEnds(String pod, String status, String phase) {
        String row = kubectl.await(out -> Kubectl.columns(out).get(2).equals(status), "get", "pod", pod, "--no-headers");
        assertThat(Kubectl.columns(row).get(1)).as(pod + " READY").isEqualTo("0/1");
        assertThat(Kubectl.columns(row).get(3)).as(pod + " RESTARTS").isEqualTo("0");
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.phase}")).isEqualTo(phase);
    }

    private static void assertTakenBetween(String timestamp, Instant before, Instant after, String what) {
        assertThat(timestamp).as(what).matches(RFC3339_UTC);
        assertThat(Instant.parse(timestamp)).as(what).isBetween(before, after);
    }
}
