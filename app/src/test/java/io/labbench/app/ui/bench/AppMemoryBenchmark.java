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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The app's resident memory as a learner runs it: {@code ./labbench --backend shells} (its JVM options,
 * four terminals in the grid) with four watches restored in the dock, each running every second, read
 * from {@code /proc/PID/status} after {@code args[1]} seconds (default 60). Beside it, started at the
 * same moment so both meet the same load, a bare JavaFX window ({@link HelloFxProbe} {@code --stay}) with
 * plain {@code java}. Goal: at most 350 MB. Needs a display (run-benchmarks uses xvfb-run).
 *
 * <p>Run: {@code java -cp app/target/test-classes:app/target/classes:$(cat app/target/bench.cp)
 * io.labbench.app.ui.bench.AppMemoryBenchmark ./labbench [seconds] ["JVM options" ...]}: each further argument
 * starts one more app with those JVM options beside the first (its own home), to compare heap settings under
 * the same load. Words of the form {@code NAME=value} in such an argument go to that app's environment
 * instead (e.g. {@code "MALLOC_ARENA_MAX=2 -Xss512k"}). With several apps the launcher's class-data archive is
 * off (two apps must not both write it at exit); {@code LABBENCH_CDS=on} in a set lets that app map it (make it
 * first with {@code ./labbench --startup-probe}, so that no app writes it).
 *
 * <p>Beside each RSS it prints what the kernel counts in it ({@code /proc/PID/status}): anonymous pages (heap,
 * malloc, stacks, code cache), file pages (the JDK's and the launcher's class-data archives, libraries, jars'
 * mappings) and shared memory, and the thread count. The goal is on RSS, all three together.
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

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String fxClasspath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("javafx") || entry.endsWith("test-classes") || entry.endsWith("classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder helloBuilder = new ProcessBuilder(java, "-cp", fxClasspath, HelloFxProbe.class.getName(), "--stay")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        // Two apps at once must not both write the launcher's class-data archive at exit: A/B runs go without it.
        boolean twoApps = args.length > 2;
        if (!twoApps && !"1".equals(System.getenv("LABBENCH_CLASS_ARCHIVE_CURRENT"))) {
            startOnceForTheClassArchive(launcher);
        }
        Process app = startApp(launcher, home, "", twoApps);
        Process hello = helloBuilder.start();
        List<Process> others = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path otherHome = Files.createTempDirectory("lbt-memory-b-");
            copyTree(home.resolve("config"), otherHome.resolve("config"));
            others.add(startApp(launcher, otherHome, args[i], true));
        }
        try {
            Thread.sleep(seconds * 1000);
            ResidentMemory appMemory = ResidentMemory.of(app, home);
            ResidentMemory helloMemory = ResidentMemory.of(hello, home);
            long appKb = appMemory.rssKb();
            long helloKb = helloMemory.rssKb();
            System.out.printf("after %d s: LabBench (4 terminals, 4 watches at 1 s) %s; idle JavaFX window %s%n",
                    seconds, appMemory, helloMemory);
            heapInfo(app).forEach(line -> System.out.println("  LabBench's heap: " + line));
            for (int i = 0; i < others.size(); i++) {
                System.out.printf("after %d s: LabBench with %s: %s%n", seconds, args[i + 2], ResidentMemory.of(others.get(i), home));
            }
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf(Locale.ROOT, "BENCH\tapp RSS, 4 terminals + 4 watches after %d s (ref: idle JavaFX window)\t%.0f\tMB\t%.0f\t<=350%n",
                    seconds, appKb * 1024 / 1e6, helloKb * 1024 / 1e6);
        } finally {
            app.destroy();
            hello.destroy();
            others.forEach(Process::destroy);
        }
    }

    /**
     * A learner's app maps the class-data archive its first start after a build wrote. Right after a build (as
     * run-benchmarks does) the archive is stale and the measured app would write a new one at exit instead, holding
     * the classes in metaspace and the dump's bookkeeping on top: not the app a learner runs every day. One
     * {@code --startup-probe} first (own home, quits after its first frame) leaves the archive current. run-benchmarks
     * makes it current after its build and says so with {@code LABBENCH_CLASS_ARCHIVE_CURRENT=1}: then this start,
     * one more app start on a shared machine, is skipped; run by hand, it is not.
     */
    private static void startOnceForTheClassArchive(String launcher) throws IOException, InterruptedException {
        Path probeHome = Files.createTempDirectory("lbt-memory-probe-");
        ProcessBuilder builder = new ProcessBuilder(launcher, "--startup-probe", "--backend", "shells")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(probeHome.resolve("probe.log").toFile());
        builder.environment().put("LABBENCH_JAVA_OPTS", "-Dlabbench.home=" + probeHome);
        Process probe = builder.start();
        if (!probe.waitFor(180, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            System.out.println("the start-up probe that makes the class-data archive did not end within 180 s; measuring anyway");
        }
    }

    private static Process startApp(String launcher, Path home, String javaOptions, boolean noClassArchive) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher, "--backend", "shells")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(home.resolve("app.log").toFile());
        // NAME=value words of an option set go to the launcher's environment (e.g. MALLOC_ARENA_MAX=2), the rest to the JVM
        List<String> jvmOptions = new ArrayList<>();
        for (String word : javaOptions.strip().split("\\s+")) {
            if (word.matches("[A-Z_][A-Z0-9_]*=.*")) {
                builder.environment().put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            } else if (!word.isEmpty()) {
                jvmOptions.add(word);
            }
        }
        builder.environment().put("LABBENCH_JAVA_OPTS", ("-Dlabbench.home=" + home + " " + String.join(" ", jvmOptions)).strip());
        if (noClassArchive && !javaOptions.contains("LABBENCH_CDS=")) {
            builder.environment().put("LABBENCH_CDS", "off");
        }
        return builder.start();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /**
     * The app's heap generations as its collector has sized them ({@code jcmd PID GC.heap_info}): the serial
     * collector touches every page of eden within seconds, so the young generation's size is in RSS whole.
     */
    private static List<String> heapInfo(Process process) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process info = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String output = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            info.waitFor();
            return output.lines().map(String::strip).filter(line -> line.contains(" total ") || line.contains("space "))
                    .map(line -> line.replaceAll("\\s*\\[0x.*", "")).toList();
        } catch (IOException e) {
            return List.of("jcmd GC.heap_info failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** What {@code /proc/PID/status} says of a process's resident memory, in KiB, and its thread count. */
    private record ResidentMemory(long rssKb, long anonKb, long fileKb, long shmemKb, long threads) {

        static ResidentMemory of(Process process, Path home) throws IOException {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().commandLine().orElse("a process") + " ended (exit "
                        + process.exitValue() + "); the app's log is in " + home);
            }
            // ./labbench execs java once its build is current; before that the pid is the launcher's bash
            // (or a Maven build under it), whose few MiB would pass the goal without measuring the app
            String command = Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm")).strip();
            if (!command.equals("java")) {
                throw new IllegalStateException("the launcher's process " + process.pid() + " is still '" + command
                        + "', not the app's JVM: ./labbench is rebuilding (sources newer than its last build). Run ./labbench"
                        + " --startup-probe once, then the benchmark again");
            }
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            return new ResidentMemory(field(status, "VmRSS"), field(status, "RssAnon"), field(status, "RssFile"),
                    field(status, "RssShmem"), field(status, "Threads"));
        }

        private static long field(List<String> status, String name) {
            return status.stream().filter(line -> line.startsWith(name + ":")).map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong).findFirst()
                    .orElseThrow(() -> new IllegalStateException("/proc/PID/status has no " + name + " line"));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "RSS %d MiB (anon %d, file %d, shmem %d; %d threads)",
                    rssKb / 1024, anonKb / 1024, fileKb / 1024, shmemKb / 1024, threads);
        }
    }
}
