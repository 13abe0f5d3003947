package io.labbench.locallab.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.spi.ContainerRuntime.Volume;
import io.labbench.locallab.spi.ContainerRuntime.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a pod's volumes get and the binds the runtime makes in the pod's mount namespace (the binds themselves: PodVolumesLabTest). */
class PodMountsTest {

    @TempDir
    Path podDir;

    private static ContainerRuntime.Pod pod(List<VolumeMount> mounts, List<Volume> volumes) {
        return new ContainerRuntime.Pod("default", "web", "uid", "worker1", "172.30.40.9", "Always",
                List.of(new ContainerRuntime.Container("nginx", "nginx:alpine", List.of(), List.of(), List.of(80), Map.of(), mounts)),
                volumes);
    }

    private static ContainerProgram nginxWithConfD(Path confD) {
        return new ContainerProgram(List.of("nginx"), Optional.empty()).withImageFolder("/etc/nginx/conf.d", confD);
    }

    @Test
    void aConfigMapVolumeIsWrittenInTheKubeletsLayoutAndCoversTheImagesConfD() throws IOException {
        Volume conf = new Volume.Files("conf", Map.of("default.conf", "server { listen 8080; }".getBytes(StandardCharsets.UTF_8)), 0644);
        PodMounts mounts = PodMounts.of(pod(List.of(new VolumeMount("conf", "/etc/nginx/conf.d/", "", false)), List.of(conf)),
                List.of(nginxWithConfD(podDir.resolve("image-conf.d"))), podDir);

        Path volume = podDir.resolve("volumes/conf");
        assertThat(Files.readSymbolicLink(volume.resolve("default.conf"))).isEqualTo(Path.of("..data/default.conf"));
        assertThat(Files.readSymbolicLink(volume.resolve("..data")).toString()).matches("\\.\\.\\d{4}_\\d\\d_\\d\\d_.*");
        assertThat(Files.readString(volume.resolve("default.conf"))).isEqualTo("server { listen 8080; }");
        // the volume replaces the image's conf.d (no second bind for it), read-only as the kubelet mounts configMaps
        assertThat(mounts.binds()).containsExactly(new PodMounts.Bind(volume, "/etc/nginx/conf.d", true));
        assertThat(mounts.mountCommand()).containsSequence(volume.toString(), "/etc/nginx/conf.d", "ro");
    }

    @Test
    void withoutAVolumeThereTheImagesConfDIsBoundAndAnEmptyDirIsWritable() throws IOException {
        Path imageConfD = podDir.resolve("image-conf.d");
        PodMounts mounts = PodMounts.of(pod(List.of(new VolumeMount("scratch", "/usr/share/nginx/html", "", false)),
                List.of(new Volume.EmptyDir("scratch"))), List.of(nginxWithConfD(imageConfD)), podDir);
        assertThat(mounts.binds()).containsExactlyInAnyOrder(new PodMounts.Bind(imageConfD, "/etc/nginx/conf.d", false),
                new PodMounts.Bind(podDir.resolve("volumes/scratch"), "/usr/share/nginx/html", false));
        assertThat(podDir.resolve("volumes/scratch")).isEmptyDirectory();
    }

    @Test
    void aSubPathBindsTheKeysOwnFileAndAPathTheHostLacksIsAClearError() throws IOException {
        Volume secret = new Volume.Files("db", Map.of("password", "s3cr3t".getBytes(StandardCharsets.UTF_8)), 0400);
        PodMounts mounts = PodMounts.of(pod(List.of(new VolumeMount("db", "/etc/hostname", "password", false)), List.of(secret)),
                List.of(), podDir);
        Path bound = mounts.binds().get(0).source();
        assertThat(Files.isSymbolicLink(bound)).isFalse();
        assertThat(Files.readString(bound)).isEqualTo("s3cr3t");

        assertThatThrownBy(() -> PodMounts.of(pod(List.of(new VolumeMount("db", "/no-such-folder-here", "", false)), List.of(secret)),
                List.of(), podDir.resolve("other"))).isInstanceOf(IOException.class)
                .hasMessageContaining("container nginx").hasMessageContaining("/no-such-folder-here").hasMessageContaining("\"db\"");
    }
}
