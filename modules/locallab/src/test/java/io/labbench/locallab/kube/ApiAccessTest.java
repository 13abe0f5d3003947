package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who can get in: the local API server (whose exec is a root shell in the lab) speaks only TLS, with
 * the lab's own CA, and answers 401 to anyone without the lab's token, on every path; the kubeconfig
 * that carries the CA and token is readable by its owner only. kubectl with that kubeconfig works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessTest {

    @TempDir
    static Path dir;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("kube/config"));
        kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
        kubectl.ok("run", "web", "--image=nginx");
        kubectl.await(out -> out.contains("Running"), "get", "pod", "web");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void kubectlWithTheLabsKubeconfigWorksOverTls() throws IOException {
        assertThat(api.url()).startsWith("https://127.0.0.1:");
        assertThat(kubectl.ok("get", "namespaces")).contains("kube-system");
        assertThat(kubectl.ok("exec", "web", "--", "echo", "in")).isEqualTo("in\n").as("exec as before");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(api.kubeconfig()))).isEqualTo("rw-------");
        assertThat(Files.readString(api.kubeconfig())).contains("certificate-authority-data: ").contains("token: ");
    }

    @Test
    void aRequestWithoutTheTokenIsUnauthorizedOnEveryPath() throws Exception {
        ApiHttp anonymous = ApiHttp.withoutToken(api);
        ApiHttp wrong = ApiHttp.withToken(api, api.credentials().token().substring(1) + "x");
        for (String path : List.of("/version", "/api", "/api/v1/namespaces/default/pods", "/api/v1/pods?watch=true",
                "/api/v1/namespaces/default/pods/web/exec?command=id&stdout=true", "/healthz")) {
            for (ApiHttp client : List.of(anonymous, wrong)) {
                var r = client.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.body()).as(path).contains("\"reason\":\"Unauthorized\"");
            }
        }
        assertThat(ApiHttp.withToken(api).get("/api/v1/namespaces/default/pods").statusCode()).isEqualTo(200);
    }

    @Test
    void kubectlWithoutTheTokenIsToldItIsNotLoggedIn() throws IOException {
        Path stolen = dir.resolve("guessed-config");
        Files.writeString(stolen, Files.readString(api.kubeconfig()).replaceAll("token: .*", "token: guessed"));
        Kubectl.Result r = new Kubectl(stolen, dir.resolve("home")).run("get", "pods");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("You must be logged in to the server");
    }

    @Test
    void theApiSpeaksTls12And13AndNothingOlder() throws Exception {
        String url = "https://127.0.0.1:" + URI.create(api.url()).getPort() + "/version";
        for (String version : List.of("1.2", "1.3")) {
            Result curl = run(List.of("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--tlsv" + version,
                    "--tls-max", version, url));
            assertThat(curl.out()).as("TLS " + version).isEqualTo("401");
        }
        Result old = run(List.of("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--tlsv1.1", "--tls-max", "1.1", url));
        assertThat(old.out()).as("TLS 1.1").isEqualTo("000");
    }

    @Test
    void plainHttpGetsNoAnswerFromTheApi() throws Exception {
        Result curl = run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:" + URI.create(api.url()).getPort() + "/api/v1/pods"));
        assertThat(curl.out()).isNotEqualTo("200");
    }

    @Test
    void anotherLocalUserIsRefused() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "runuser needs root");
        // by absolute path: the tests run with a normal user's PATH, which has no /usr/sbin on Debian
        String runuser = java.util.stream.Stream.of("/usr/sbin/runuser", "/sbin/runuser")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(runuser != null, "runuser (util-linux) is not installed");
        // kubectl as nobody cannot read the kubeconfig at all
        Result kubectlAsNobody = run(List.of(runuser, "-u", "nobody", "--", "env", "HOME=/tmp", "kubectl",
                "--kubeconfig", api.kubeconfig().toString(), "get", "pods"));
        assertThat(kubectlAsNobody.exitCode()).isNotZero();
        assertThat(kubectlAsNobody.out()).containsIgnoringCase("permission denied");
        // and straight at the port, without the token, it is Unauthorized
        Result curlAsNobody = run(List.of(runuser, "-u", "nobody", "--", "curl", "-sk",
                api.url() + "/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true"));
        assertThat(curlAsNobody.out()).contains("\"code\":401");
    }

    private record Result(int exitCode, String out) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
