package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import io.labbench.locallab.kube.exec.ShellFallback;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl exec -it pod-1 -- zsh} from a real terminal: kubectl sends its terminal size on the
 * resize channel and the pod's shell sees it. This server pretends zsh is missing, so the fallback to
 * bash and its notice are checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecTtyTest {

    @TempDir
    static Path dir;
    private LocalKubeApi api;
    private Path home;

    @BeforeAll
    void start() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        api = LocalKubeApi.start(InMemoryPodNetwork.study(), dir.resolve("config"),
                LocalKubeApi.Options.defaults().withShells(new ShellFallback(program -> false)));
        Kubectl kubectl = new Kubectl(api.kubeconfig(), home);
        kubectl.runWithInput(StudyManifests.text("netshoot-2pods.yaml"), "create", "-f", "-");
        kubectl.await(out -> out.contains("Running"), "get", "pod", "pod-1");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void interactiveZshFallsBackToBashAndSeesKubectlsTerminalSize() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KUBECONFIG", api.kubeconfig().toString());
        env.put("HOME", home.toString());
        env.put("TERM", "xterm");
        PtyProcess kubectl = new PtyProcessBuilder(new String[] {"kubectl", "exec", "-it", "pod-1", "--", "zsh"})
                .setEnvironment(env).setInitialColumns(101).setInitialRows(33).start();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = kubectl.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (java.io.IOException e) {
                // the pty closes when kubectl exits
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            awaitText(seen, "starting bash instead");
            kubectl.getOutputStream().write("echo shell=$0; stty size\r".getBytes(StandardCharsets.UTF_8));
            kubectl.getOutputStream().flush();
            awaitText(seen, "33 101");
            kubectl.getOutputStream().write("exit\r".getBytes(StandardCharsets.UTF_8));
            kubectl.getOutputStream().flush();
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl exits after the shell does").isTrue();
            assertThat(kubectl.exitValue()).isZero();
            synchronized (seen) {
                assertThat(seen.toString()).contains("zsh is not installed").contains("shell=bash");
            }
        } finally {
            kubectl.destroyForcibly();
        }
    }

    @Test
    void fallbackOnlyTouchesZsh() {
        ShellFallback none = new ShellFallback(program -> false);
        assertThat(none.choose(List.of("ip", "-c", "addr")).command()).containsExactly("ip", "-c", "addr");
        assertThat(none.choose(List.of("/bin/zsh", "-l")).command()).containsExactly("bash", "-l");
        assertThat(new ShellFallback(program -> true).choose(List.of("zsh")).notice()).isEmpty();
    }

    private static void awaitText(StringBuilder seen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.toString().contains(text)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        synchronized (seen) {
            throw new AssertionError("the terminal never showed '" + text + "'; it showed:\n" + seen);
        }
    }
}
