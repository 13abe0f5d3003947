package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Invalid Services and Endpoints get the API server's own 422s from kubectl, field path included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceValidationTest {

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
    void aPortOutOfRangeIsRefusedWithItsFieldPath() {
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: too-high}
                spec:
                  ports: [{port: 80}, {name: b, port: 70000}]
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("The Service \"too-high\" is invalid: spec.ports[1].port: Invalid value: 70000: must be between 1"
                + " and 65535, inclusive");
    }

    @Test
    void aPatchOrReplaceWithAPortOutOfRangeIsRefusedAsOnCreateAndTheServiceStaysAsItWas() {
        kubectl.ok("create", "service", "clusterip", "patched", "--tcp=80:8080");
        Kubectl.Result patch = kubectl.run("patch", "svc", "patched", "-p", "{\"spec\":{\"ports\":[{\"name\":\"b\",\"port\":70000}]}}");
        assertThat(patch.exitCode()).isNotZero();
        assertThat(patch.err()).contains("The Service \"patched\" is invalid: spec.ports[1].port: Invalid value: 70000: must be between 1"
                + " and 65535, inclusive");
        Kubectl.Result jsonPatch = kubectl.run("patch", "svc", "patched", "--type=json",
                "-p", "[{\"op\":\"replace\",\"path\":\"/spec/ports/0/port\",\"value\":0}]");
        assertThat(jsonPatch.exitCode()).isNotZero();
        assertThat(jsonPatch.err()).contains("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        String replaced = kubectl.ok("get", "svc", "patched", "-o", "json").replace("\"port\": 80,", "\"port\": 65536,");
        Kubectl.Result replace = kubectl.runWithInput(replaced, "replace", "-f", "-");
        assertThat(replace.exitCode()).isNotZero();
        assertThat(replace.err()).contains("spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive");

        assertThat(kubectl.ok("get", "svc", "patched", "-o", "jsonpath={.spec.ports[*].port}")).isEqualTo("80");
        // a valid patch still goes through
        kubectl.ok("patch", "svc", "patched", "-p", "{\"spec\":{\"ports\":[{\"name\":\"b\",\"port\":8443}]}}");
        assertThat(kubectl.ok("get", "svc", "patched", "-o", "jsonpath={.spec.ports[*].port}")).isEqualTo("80 8443");
    }

    @Test
    void aNodePortAlreadyTakenIsRefusedWithTheApiServersWords() {
        kubectl.ok("create", "service", "nodeport", "first", "--tcp=80:8080", "--node-port=30080");
        Kubectl.Result r = kubectl.run("create", "service", "nodeport", "second", "--tcp=80:8080", "--node-port=30080");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Service \"second\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is"
                + " already allocated");
        assertThat(kubectl.run("get", "svc", "second").exitCode()).isNotZero();
    }

    @Test
    void aSelectorLessServicesEndpointsWithABadAddressAreRefused() {
        // no selector: the learner writes the Endpoints by hand (kubectl create service would add app=external-db)
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: external-db}
                spec:
                  ports: [{port: 5432}]
                """, "apply", "-f", "-");
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: external-db}
                subsets:
                - addresses: [{ip: 10.0.0.300}, {ip: 127.0.0.1}]
                  ports: [{port: 5432, protocol: TCPX}]
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("The Endpoints \"external-db\" is invalid")
                .contains("subsets[0].addresses[0].ip: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
                .contains("subsets[0].addresses[1].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)")
                .contains("subsets[0].ports[0].protocol: Unsupported value: \"TCPX\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void aLoadBalancerWithExternalTrafficPolicyLocalGetsAHealthCheckNodePort() {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: lb-local}
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  selector: {app: x}
                  ports: [{port: 80}]
                """, "apply", "-f", "-");
        int port = Integer.parseInt(kubectl.ok("get", "svc", "lb-local", "-o", "jsonpath={.spec.healthCheckNodePort}"));
        int nodePort = Integer.parseInt(kubectl.ok("get", "svc", "lb-local", "-o", "jsonpath={.spec.ports[0].nodePort}"));
        assertThat(port).isBetween(30000, 32767).isNotEqualTo(nodePort);
    }
}
