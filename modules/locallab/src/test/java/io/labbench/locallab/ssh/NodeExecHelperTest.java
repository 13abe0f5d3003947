package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exec helper's protocol against the real Perl script, run on this machine (no namespaces, so no
 * root needed): what a command prints where, its exit code, stdin, signals, and the helper's death.
 * {@code LabSshTest} runs the same through a lab machine's SSH server.
 */
class NodeExecHelperTest {

    private NodeExecHelper helper;
    private Process process;

    @BeforeEach
    void start() throws IOException {
        process = new ProcessBuilder(NodeExecHelper.argv("ready")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        InputStream from = process.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = from.read(); b >= 0 && b != '\n'; b = from.read()) {
            line.append((char) b);
        }
        assertThat(line.toString()).isEqualTo("ready");
        helper = new NodeExecHelper("test-node", process, from);
    }

    @AfterEach
    void stop() {
        helper.close();
    }

    /** One command's output and end, as the SSH channel would get them. */
    private static final class Run implements NodeExecHelper.Listener {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        @Override
        public synchronized void stdout(byte[] data) {
            out.writeBytes(data);
        }

        @Override
        public synchronized void stderr(byte[] data) {
            err.writeBytes(data);
        }

        @Override
        public void exited(int code) {
            exit.complete(code);
        }

        int code() throws Exception {
            return exit.get(30, TimeUnit.SECONDS);
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private Run run(List<String> argv, Map<String, String> env, String dir) throws IOException {
        Run run = new Run();
        helper.start(argv, env, dir, run);
        return run;
    }

    @Test
    void keepsStdoutAndStderrApartAndReportsTheExitCodeEnvironmentAndWorkingDirectory() throws Exception {
        Run run = run(List.of("bash", "-c", "echo \"$GREETING from $PWD\"; echo oops >&2; exit 7"), Map.of("GREETING", "hi"), "/tmp");
        assertThat(run.code()).isEqualTo(7);
        assertThat(run.out()).isEqualTo("hi from /tmp\n");
        assertThat(run.err()).isEqualTo("oops\n");
        // only the environment it was given
        Run env = run(List.of("/usr/bin/env"), Map.of("ONLY", "this"), "/");
        assertThat(env.code()).isZero();
        assertThat(env.out()).isEqualTo("ONLY=this\n");
    }

    @Test
    void aMissingProgramIs127WithItsNameOnStderrAndCommandsAfterItStillRun() throws Exception {
        Run missing = run(List.of("/no/such/program"), Map.of(), "/");
        assertThat(missing.code()).isEqualTo(127);
        assertThat(missing.err()).contains("/no/such/program");
        for (int i = 0; i < 5; i++) {
            assertThat(run(List.of("/bin/sh", "-c", "exit " + i), Map.of(), "/").code()).isEqualTo(i);
        }
    }

    @Test
    void feedsStdinToItsEndAndRunsCommandsSideBySide() throws Exception {
        Run slow = run(List.of("/bin/sh", "-c", "read x; echo \"late $x\""), Map.of(), "/");
        int slowId = 1;
        Run wc = run(List.of("wc", "-c"), Map.of("PATH", "/usr/bin:/bin"), "/");
        byte[] big = new byte[300_000];
        helper.stdin(2, big, 0, big.length);
        helper.stdin(2, big, 0, 0);
        assertThat(wc.code()).isZero();
        assertThat(wc.out().strip()).isEqualTo("300000");
        assertThat(slow.exit).isNotDone();
        byte[] line = "one\n".getBytes(StandardCharsets.US_ASCII);
        helper.stdin(slowId, line, 0, line.length);
        assertThat(slow.code()).isZero();
        assertThat(slow.out()).isEqualTo("late one\n");
    }

    @Test
    void aSignalReachesTheCommandAndWhatItStarted() throws Exception {
        Run run = run(List.of("/bin/sh", "-c", "sleep 60 & wait"), Map.of(), "/");
        Thread.sleep(200);
        helper.signal(1, 15);
        assertThat(run.code()).isEqualTo(128 + 15);
    }

    @Test
    void whenTheHelperDiesItsCommandsEndWith255AndAMessage() throws Exception {
        Run run = run(List.of("/bin/sleep", "20"), Map.of(), "/");
        Thread.sleep(200);
        process.destroyForcibly();
        assertThat(run.code()).isEqualTo(NodeExecHelper.HELPER_GONE);
        assertThat(run.err()).contains("test-node's exec helper stopped").contains("run the command again");
        assertThat(helper.isAlive()).isFalse();
    }
}
