package io.labbench.app.ui.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: {@code labbench --startup-probe} (local shells, fresh settings) against a bare JavaFX
 * hello-world started the same way, each 5 times alternately in fresh JVMs on the current
 * {@code DISPLAY} (e.g. Xvfb). Prints both medians and their ratio. Goal: at most 1.5 s and 1.5x.
 *
 * <p>Run (under Xvfb): {@code Xvfb :99 -screen 0 1600x1000x24 & DISPLAY=:99 java -cp
 * app/target/test-classes:app/target/classes:$(cat app/target/test.cp) io.labbench.app.ui.bench.StartupBenchmark}
 */
public final class StartupBenchmark {

    private static final int RUNS = 5;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path home = Files.createTempDirectory("lbt-startup-");
        List<Long> app = new ArrayList<>();
        List<Long> hello = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            hello.add(probe(List.of(java, "-cp", classpath, HelloFxProbe.class.getName())));
            app.add(probe(List.of(java, "-Dlabbench.home=" + home.resolve("run" + i), "-cp", classpath,
                    "io.labbench.app.Launcher", "--startup-probe", "--backend", "shells")));
        }
        long appMedian = median(app);
        long helloMedian = median(hello);
        System.out.printf("startup to first frame: labbench median %d ms %s, hello-world median %d ms %s, ratio %.2f%n",
                appMedian, app, helloMedian, hello, (double) appMedian / helloMedian);
    }

    private static long probe(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("no first frame within 120 s: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        if (process.exitValue() != 0 || !last.matches("\\d+")) {
            throw new IllegalStateException("probe failed (exit " + process.exitValue() + "): " + out);
        }
        return Long.parseLong(last);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
