package io.labbench.locallab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod's /etc files as the kubelet writes them for a ClusterFirst pod. */
class PodEtcFilesTest {

    @TempDir
    Path dir;

    @Test
    void resolvConfNamesKubeDnsTheNamespacesSearchDomainsThenTheNodesAndNdots5() throws Exception {
        PodEtcFiles files = PodEtcFiles.write(dir.resolve("pod"), "kube-system", "coredns-1", "172.30.40.5", dir.resolve("none.crt"));
        assertThat(Files.readString(dir.resolve("pod/resolv.conf"))).isEqualTo(
                "search kube-system.svc.cluster.local svc.cluster.local cluster.local ec2.internal\nnameserver 100.64.0.10\noptions ndots:5\n");
        assertThat(Files.readString(dir.resolve("pod/hosts"))).contains("127.0.0.1\tlocalhost").endsWith("172.30.40.5\tcoredns-1\n");
        assertThat(Files.readString(dir.resolve("pod/hostname"))).isEqualTo("coredns-1\n");
        assertThat(files.bindings()).containsValues("/etc/hosts", "/etc/hostname", "/etc/resolv.conf")
                .doesNotContainValue("/etc/ssl/certs/ca-certificates.crt");
    }

    @Test
    void theLabsTrustBundleIsBoundWhenItExists() throws Exception {
        Path bundle = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(PodEtcFiles.write(dir.resolve("pod"), "default", "pod-1", "172.30.40.6", bundle).bindings())
                .containsEntry(bundle, "/etc/ssl/certs/ca-certificates.crt");
    }
}
