package io.labbench.app.ui.bench;

import io.labbench.watch.WatchDefinition;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockLayoutStore;
import io.labbench.watch.layout.DockPane;
import io.labbench.watch.layout.OpenWatch;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The app's resident memory as a learner runs it: {@code ./labbench --backend shells} (its JVM options,
 * four terminals in the grid) with four watches restored in the dock, each running every second, read
 * from {@code /proc/PID/status} after {@code args[1]} seconds (default 60). Beside it, started at the
 * same moment so both meet the same load, a bare JavaFX window ({@link HelloFxProbe} {@code --stay}) with
 * plain {@code java}. Goal: at most 350 MB. Needs a display (run-benchmarks uses xvfb-run).
 *
 * <p>Run: {@code java -cp app/target/test-classes:app/target/classes:$(cat app/target/bench.cp)
 * io.labbench.app.ui.bench.AppMemoryBenchmark ./labbench [seconds]}
 */
public final class AppMemoryBenchmark {

    private AppMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String launcher = args[0];
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        Path home = Files.createTempDirectory("lbt-memory-");
        List<DockPane> panes = new ArrayList<>();
        for (String command : List.of("cat /proc/net/dev", "ip route", "ip -br link", "cat /proc/meminfo")) {
            WatchDefinition watch = WatchDefinition.custom("worker1", command, Optional.empty(), Duration.ofSeconds(1));
            panes.add(new DockPane(List.of(OpenWatch.of(watch, false)), 0));
        }
        DockLayoutStore.inConfigFolder(home.resolve("config"))
                .save(new DockLayout(DockLayout.CURRENT_VERSION, false, panes, List.of(0.25, 0.5, 0.75)));

        ProcessBuilder appBuilder = new ProcessBuilder(launcher, "--backend", "shells")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(home.resolve("app.log").toFile());
        appBuilder.environment().put("LABBENCH_JAVA_OPTS", "-Dlabbench.home=" + home);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String fxClasspath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("javafx") || entry.endsWith("test-classes") || entry.endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder helloBuilder = new ProcessBuilder(java, "-cp", fxClasspath, HelloFxProbe.class.getName(), "--stay")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process app = appBuilder.start();
        Process hello = helloBuilder.start();
        try {
            Thread.sleep(seconds * 1000);
            if (!app.isAlive()) {
                throw new IllegalStateException("the app ended (exit " + app.exitValue() + "), see " + home.resolve("app.log"));
            }
            long appKb = rssKb(app.pid());
            long helloKb = rssKb(hello.pid());
            System.out.printf("after %d s: LabBench (4 terminals, 4 watches at 1 s) RSS %d MiB; idle JavaFX window %d MiB%n",
                    seconds, appKb / 1024, helloKb / 1024);
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf(Locale.ROOT, "BENCH\tapp RSS, 4 terminals + 4 watches after %d s (ref: idle JavaFX window)\t%.0f\tMB\t%.0f\t<=350%n",
                    seconds, appKb * 1024 / 1e6, helloKb * 1024 / 1e6);
        } finally {
            app.destroy();
            hello.destroy();
        }
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }
}
