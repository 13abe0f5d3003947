package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * EndpointSlices, the first kind added as nothing but a strategy ({@code EndpointSliceStrategy}): kubectl
 * discovers them, creates them with their defaults, prints the real server's columns, refuses an invalid
 * one with the real server's words, and watches and deletes them like any other kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSliceKindTest {

    private static final String SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-abc12
              labels:
                kubernetes.io/service-name: web
            addressType: IPv4
            ports:
            - name: http
              port: 80
            endpoints:
            - addresses: ["172.30.60.5"]
            - addresses: ["172.30.75.9"]
            """;

    @TempDir
    static Path dir;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("kube/config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void kubectlDiscoversCreatesAndPrintsThem() {
        assertThat(kubectl.ok("api-resources", "--api-group=discovery.k8s.io"))
                .contains("endpointslices").contains("discovery.k8s.io/v1").contains("EndpointSlice");

        assertThat(kubectl.runWithInput(SLICE, "apply", "-f", "-").out()).contains("endpointslice.discovery.k8s.io/web-abc12 created");

        List<String> lines = kubectl.ok("get", "endpointslices", "-l", "kubernetes.io/service-name=web").strip().lines().toList();
        assertThat(Kubectl.columns(lines.get(0))).containsExactly("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE");
        assertThat(Kubectl.columns(lines.get(1))).startsWith("web-abc12", "IPv4", "80", "172.30.60.5,172.30.75.9");
        assertThat(kubectl.ok("get", "endpointslice", "web-abc12", "-o", "jsonpath={.ports[0].protocol}")).isEqualTo("TCP");

        kubectl.ok("delete", "endpointslice", "web-abc12");
        assertThat(kubectl.run("get", "endpointslice", "web-abc12").err()).contains("NotFound");
    }

    @Test
    void anInvalidSliceIsRefusedWithTheFieldThatIsWrong() {
        Kubectl.Result r = kubectl.runWithInput(SLICE.replace("web-abc12", "bad").replace("172.30.60.5", "not-an-ip"),
                "create", "-f", "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("EndpointSlice \"bad\" is invalid")
                .contains("endpoints[0].addresses[0]: Invalid value: \"not-an-ip\": must be a valid IPv4 address");
    }
}
