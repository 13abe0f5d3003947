package io.labbench.locallab.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.spi.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the catalogue runs for the study's images, the kubelet's back-off steps, and the listening-port reader. */
class ImageCatalogTest {

    @TempDir
    Path dir;

    private final ImageCatalog catalog = new ImageCatalog(tool -> Set.of("nginx", "tail", "sh", "sleep").contains(tool));
    private final ContainerRuntime.Pod pod = new ContainerRuntime.Pod("default", "p", "uid", "worker1", "172.30.40.1", "Always", List.of());

    private ContainerProgram program(String image, List<String> command) throws Exception {
        return catalog.program(pod, new ContainerRuntime.Container("c", image, command, List.of(), List.of(), Map.of()), dir);
    }

    @Test
    void repositoryDropsRegistryTagAndLibrary() {
        assertThat(ImageCatalog.repository("k8s.gcr.io/echoserver:1.5")).isEqualTo("echoserver");
        assertThat(ImageCatalog.repository("registry.k8s.io/echoserver:1.5")).isEqualTo("echoserver");
        assertThat(ImageCatalog.repository("docker.io/library/nginx:alpine")).isEqualTo("nginx");
        assertThat(ImageCatalog.repository("nicolaka/netshoot")).isEqualTo("nicolaka/netshoot");
        assertThat(ImageCatalog.repository("localhost:5000/busybox@sha256:abc")).isEqualTo("busybox");
    }

    @Test
    void nginxAndEchoserverRunNginxWithTheirOwnConfiguration() throws Exception {
        ContainerProgram nginx = program("nginx:alpine", List.of());
        assertThat(nginx.argv()).first().isEqualTo("nginx");
        assertThat(nginx.firstLines()).last().isEqualTo("/docker-entrypoint.sh: Configuration complete; ready for start up");
        // the image's nginx.conf takes its sites from conf.d, whose default.conf is the welcome page on :80
        Path confD = dir.resolve("conf.d");
        assertThat(Files.readString(confD.resolve("default.conf"))).contains("listen       80;").contains("root   /usr/share/nginx/html;");
        boolean bindable = Files.isDirectory(Path.of("/etc/nginx/conf.d"));
        assertThat(Files.readString(dir.resolve("nginx.conf"))).contains("include " + (bindable ? "/etc/nginx/conf.d" : confD.toString())
                + "/*.conf;").contains("access_log /dev/stdout main;").contains("master_process off;");
        assertThat(nginx.imageFolders()).isEqualTo(bindable ? Map.of("/etc/nginx/conf.d", confD) : Map.of());
        assertThat(program("k8s.gcr.io/echoserver:1.5", List.of()).notEmulated()).isEmpty();
        assertThat(Files.readString(dir.resolve("nginx.conf"))).contains("listen 8080;").contains("Hostname: $hostname")
                .contains("client_address=$remote_addr");
    }

    @Test
    void toolBoxesRunTheSpecsCommandAndAnUnknownImageSleepsAndSaysSo() throws Exception {
        assertThat(program("nicolaka/netshoot", List.of("tail", "-f", "/dev/null")).argv()).containsExactly("tail", "-f", "/dev/null");
        assertThat(program("nicolaka/netshoot", List.of()).argv()).containsExactly("sleep", "infinity");
        assertThat(program("busybox", List.of("httpd", "-f")).notEmulated()).hasValueSatisfying(m -> assertThat(m).contains("'httpd'"));
        assertThat(program("busybox", List.of("httpd", "-f")).startError()).as("a BusyBox applet the host lacks").isEmpty();
        ContainerProgram typo = program("busybox", List.of("sleeep", "3600"));
        assertThat(typo.startError()).hasValueSatisfying(m -> assertThat(m)
                .endsWith("exec: \"sleeep\": executable file not found in $PATH: unknown"));
        assertThat(program("nicolaka/netshoot", List.of("termshark")).startError()).as("a toolbox's own tool").isEmpty();
        ContainerProgram unknown = program("example.com/mystery:1", List.of());
        assertThat(unknown.notEmulated()).hasValueSatisfying(m -> assertThat(m).contains("does not emulate the image example.com/mystery:1"));
        assertThat(unknown.argv()).contains("printf '%s\\n' \"$0\"; exec sleep infinity");
    }

    @Test
    void corednsRunsDnsmasqAnsweringClusterLocalFromItsHostsFileAndForwardingTheRestToTheVpcResolver() throws Exception {
        ClusterDnsServers dns = new ClusterDnsServers("172.30.0.2");
        ImageCatalog withDns = new ImageCatalog(tool -> Set.of("dnsmasq", "socat", "sh").contains(tool),
                java.util.Optional.of(dns));
        dns.publish(List.of(new io.labbench.locallab.spi.ClusterNames.Name("kubernetes.default.svc.cluster.local", "100.64.0.1")));
        ContainerProgram coredns = withDns.program(pod, new ContainerRuntime.Container("coredns",
                "registry.k8s.io/coredns/coredns:v1.9.3", List.of(), List.of(), List.of(53, 9153), Map.of()), dir);
        assertThat(coredns.notEmulated()).isEmpty();
        assertThat(coredns.argv()).contains("dnsmasq", "--server=172.30.0.2", "--local=/cluster.local/",
                "--hostsdir=" + dir.resolve("hosts.d"), "--port=53");
        assertThat(Files.readString(dir.resolve("hosts.d/cluster.hosts"))).contains("100.64.0.1 kubernetes.default.svc.cluster.local");
        assertThat(ImageCatalog.runsInKubeSystem("registry.k8s.io/coredns/coredns:v1.9.3")).isTrue();
        assertThat(ImageCatalog.runsInKubeSystem("registry.k8s.io/kops/dns-controller:1.24.11")).isFalse();
        ImageCatalog noDnsmasq = new ImageCatalog(tool -> Set.of("sh", "sleep").contains(tool), java.util.Optional.of(dns));
        assertThat(noDnsmasq.program(pod, new ContainerRuntime.Container("coredns", "coredns/coredns:1.9.3", List.of(), List.of(),
                List.of(), Map.of()), dir).notEmulated()).hasValueSatisfying(m -> assertThat(m).contains("apt-get install dnsmasq-base socat"));
    }

    @Test
    void backOffIsNoneThenTenSecondsDoublingToFiveMinutes() {
        assertThat(ContainerSupervisor.backOff(1)).isEqualTo(Duration.ZERO);
        assertThat(ContainerSupervisor.backOff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ContainerSupervisor.backOff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ContainerSupervisor.backOff(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(ContainerSupervisor.backOff(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ContainerSupervisor.backOff(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void listeningPortsComeFromProcNetTcpListenLinesOnly() {
        Set<Integer> ports = new HashSet<>();
        ListeningPorts.parse("  sl  local_address rem_address   st tx_queue rx_queue", ports);
        ListeningPorts.parse("   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0", ports);
        ListeningPorts.parse("   1: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0", ports);
        assertThat(ports).containsExactly(80);
    }
}
