package io.labbench.locallab.net;

import static io.labbench.locallab.TestLabs.inNetns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.TestLabs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's {@code ENABLE_PREFIX_DELEGATION=true} + kubelet {@code maxPods: 110}, on a real lab. */
class PrefixDelegationLabTest {

    @TempDir
    Path stateRoot;

    @Test
    void aT3MediumWorkerRuns110PodsFromSlash28Prefixes() throws Exception {
        LabSettings settings = TestLabs.settings(stateRoot).withPrefixDelegation(110);
        try (LocalLab lab = new LocalLab(settings)) {
            lab.up(LocalLabProgress.none());
            VpcCniPodNetwork pods = lab.podNetwork();
            assertThat(pods.nodes()).allSatisfy(n -> assertThat(n.maxPods()).isEqualTo(110));
            Thread.sleep(2000); // let the Kubernetes side wire its kube-system pods first
            // attach until ipamd refuses: the Kubernetes side may still be adding its own pods meanwhile
            List<String> ips = new ArrayList<>();
            IpamException refusal = null;
            for (int i = 0; i < 120 && refusal == null; i++) {
                try {
                    ips.add(pods.attach("default", "nginx-" + i, "worker1", false));
                } catch (IpamException e) {
                    refusal = e;
                }
            }
            int room = ips.size();
            assertThat(refusal).isNotNull().hasMessageContaining("110");
            assertThat(refusal.reason()).isEqualTo(IpamException.Reason.TOO_MANY_PODS);
            assertThat(room).isGreaterThan(100);
            assertThat(pods.usage("worker1").pods()).isEqualTo(110);
            Set<String> distinct = new HashSet<>(ips);
            assertThat(distinct).hasSize(room);
            assertThat(pods.usage("worker1").enis()).startsWith("ens5", "ens6");
            String links = inNetns(lab.topology().node("worker1").netns(), "ip", "-o", "link");
            assertThat(links.lines().filter(l -> l.contains(": eni")).count()).isGreaterThanOrEqualTo(room);
            assertThatThrownBy(() -> pods.attach("default", "one-more", "worker1", false)).isInstanceOf(IpamException.class)
                    .hasMessageContaining("110");
            String lastIp = ips.get(ips.size() - 1);
            assertThat(TestLabs.sh(pods.execArgv("default", "nginx-" + (room - 1), List.of("ping", "-c", "1", "-W", "5",
                    LabTopology.INET_ADDRESS)).toArray(String[]::new))).as("from " + lastIp).contains("1 received");
        }
    }
}
