package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.ssh.LabEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code down} removes everything, checked in the kernel and the process table, not assumed. */
class LabTeardownTest {

    @TempDir
    Path stateRoot;

    @Test
    void downLeavesNoNamespaceLinkRouteRuleProcessOrFolder() throws Exception {
        String rulesBefore = TestLabs.sh("ip", "rule");
        String routesBefore = TestLabs.sh("ip", "route", "show", "table", "all");
        LabSettings settings = TestLabs.settings(stateRoot);
        LocalLab lab = new LocalLab(settings);
        Process podShell = null;
        Process sshSession = null;
        List<Long> pausePids = new java.util.ArrayList<>();
        try {
            lab.up(LocalLabProgress.none());
            VpcCniPodNetwork pods = lab.podNetwork();
            pods.attach("default", "pod-1", "worker1", false);
            pods.attach("default", "pod-2", "worker2", false);
            // a `kubectl exec` still running in a pod, and an open SSH session on a node
            podShell = new ProcessBuilder(pods.execArgv("default", "pod-1", List.of("sleep", "600"))).start();
            LabEndpoint worker1 = lab.endpoints().stream().filter(e -> e.name().equals("worker1")).findFirst().orElseThrow();
            sshSession = new ProcessBuilder("ssh", "-F", "/dev/null", "-i", worker1.privateKey().toString(), "-o",
                    "UserKnownHostsFile=" + worker1.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-p", Integer.toString(worker1.port()), "ubuntu@127.0.0.1", "sleep 600").start();
            Thread.sleep(1500);
            // the pods' /pause holders: pod-1, pod-2, and the kube-system pods the kubelet has wired by now
            for (io.labbench.locallab.net.PodAttachment pod : pods.pods()) {
                pods.sandbox(pod.namespace(), pod.pod()).ifPresent(sandbox -> pausePids.add(sandbox.pid()));
            }
            assertThat(pausePids).as("pause processes of the lab's pods").hasSizeGreaterThanOrEqualTo(2);
            assertThat(TestLabs.sh("ip", "netns", "list")).contains(settings.prefix() + "-worker1")
                    .contains(pods.podNetns("default", "pod-1"));
            assertThat(new io.labbench.locallab.net.LabCleaner(settings.prefix(), settings.labDir()).processes())
                    .as("socat relays, the pod's sleep and the SSH session's shell").hasSizeGreaterThanOrEqualTo(4);
        } finally {
            List<String> steps = new java.util.ArrayList<>();
            lab.down((done, total, message) -> steps.add(done + "/" + total + " " + message));
            // one step per started part, counted from the lab's parts list, then the end
            int parts = LocalLab.upSteps(settings);
            assertThat(steps).hasSize(parts + 1).endsWith(parts + "/" + parts + " Lab is down");
            assertThat(steps.get(0)).isEqualTo("0/" + parts + " Taking the lab down");
            assertThat(steps).anyMatch(step -> step.matches("\\d+/" + parts + " Removing namespaces, links, routes and rules"));
        }
        assertThat(podShell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        sshSession.destroyForcibly();
        TestLabs.assertNothingLeft(settings, rulesBefore, routesBefore);
        assertThat(pausePids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList())
                .as("pause processes still alive after down").isEmpty();
    }
}
