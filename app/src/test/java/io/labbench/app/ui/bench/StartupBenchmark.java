package io.labbench.app.ui.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Start-up: {@code labbench --startup-probe} (local shells, fresh settings) against a bare JavaFX
 * hello-world started the same way, each 5 times alternately in fresh JVMs on the current
 * {@code DISPLAY} (e.g. Xvfb). Prints the medians of the first frame and of "ready" (lab guide and
 * watch dock shown a frame later), and the first-frame ratio. Goal: first frame at most 1.5 s and 1.5x.
 *
 * <p>By default both run as {@code java -cp TEST-CLASSPATH}. With {@code --launcher ./labbench} the
 * app starts through the checkout's launcher (as README's start command does, with its class-data
 * archive); {@code --hello-cds} gives the hello-world its own class-data archive for a like-for-like
 * comparison.
 *
 * <p>Run (under Xvfb): {@code Xvfb :99 -screen 0 1600x1000x24 & DISPLAY=:99 java -cp
 * app/target/test-classes:app/target/classes:$(cat app/target/test.cp) io.labbench.app.ui.bench.StartupBenchmark [--launcher ./labbench] [--hello-cds]}
 */
public final class StartupBenchmark {

    private static final int RUNS = 5;
    private static final Pattern READY = Pattern.compile("first frame (\\d+) ms; lab guide and watch dock shown (\\d+) ms");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String launcher = option(args, "--launcher");
        boolean helloCds = List.of(args).contains("--hello-cds");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path home = Files.createTempDirectory("lbt-startup-");
        List<String> helloCommand = new ArrayList<>(List.of(java));
        String helloClasspath = classpath;
        if (helloCds) {
            // CDS takes jars only: the probe's two classes go into one, beside the JavaFX jars.
            helloClasspath = helloJar(home) + File.pathSeparator + Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> entry.contains("javafx")).collect(Collectors.joining(File.pathSeparator));
            Path archive = home.resolve("hello.jsa");
            run(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-cp", helloClasspath,
                    HelloFxProbe.class.getName()), Map.of());
            helloCommand.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
        }
        helloCommand.addAll(List.of("-cp", helloClasspath, HelloFxProbe.class.getName()));
        List<Long> firstFrame = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> hello = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            hello.add(Long.parseLong(lastLine(run(helloCommand, Map.of()))));
            Path runHome = home.resolve("run" + i);
            String out = launcher == null
                    ? run(List.of(java, "-Dlabbench.home=" + runHome, "-cp", classpath, "io.labbench.app.Launcher",
                            "--startup-probe", "--backend", "shells"), Map.of())
                    : run(List.of(launcher, "--startup-probe", "--backend", "shells"),
                            Map.of("LABBENCH_JAVA_OPTS", "-Dlabbench.home=" + runHome));
            Matcher m = READY.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no start-up figures in: " + out);
            }
            firstFrame.add(Long.parseLong(m.group(1)));
            ready.add(Long.parseLong(m.group(2)));
        }
        long appMedian = median(firstFrame);
        long helloMedian = median(hello);
        System.out.printf("startup: labbench first frame median %d ms %s, ready median %d ms %s; "
                        + "hello-world%s median %d ms %s; first-frame ratio %.2f%n",
                appMedian, firstFrame, median(ready), ready, helloCds ? " (with CDS)" : "", helloMedian, hello,
                (double) appMedian / helloMedian);
        // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.printf(Locale.ROOT, "BENCH\tfirst frame%s (ref: JavaFX hello-world)\t%d\tms\t%d\t<=1.5x%n",
                launcher == null ? "" : " via " + Path.of(launcher).getFileName(), appMedian, helloMedian);
        System.out.printf(Locale.ROOT, "BENCH\tfirst frame%s, absolute\t%d\tms\t-\t<=1500%n",
                launcher == null ? "" : " via " + Path.of(launcher).getFileName(), appMedian);
    }

    /** A jar of the hello-world probe's classes, made with the JDK's jar tool. */
    private static String helloJar(Path home) throws IOException {
        Path classes = Path.of(HelloFxProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path appClasses = Path.of(io.labbench.app.ui.startup.StartupProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = home.resolve("hello.jar");
        List<String> args = new ArrayList<>(List.of("--create", "--file", jar.toString()));
        try (var files = Files.walk(classes.resolve("io/labbench/app/ui/bench"))) {
            files.filter(f -> f.getFileName().toString().startsWith("HelloFxProbe"))
                    .forEach(f -> args.addAll(List.of("-C", classes.toString(), classes.relativize(f).toString())));
        }
        try (var files = Files.walk(appClasses.resolve("io/labbench/app/ui/startup"))) {
            files.filter(f -> f.getFileName().toString().startsWith("StartupProbe"))
                    .forEach(f -> args.addAll(List.of("-C", appClasses.toString(), appClasses.relativize(f).toString())));
        }
        int code = java.util.spi.ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, args.toArray(String[]::new));
        if (code != 0) {
            throw new IOException("jar exited " + code);
        }
        return jar.toString();
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("no first frame within 120 s: " + command);
        }
        if (process.exitValue() != 0 || !lastLine(out).matches("\\d+")) {
            throw new IllegalStateException("probe failed (exit " + process.exitValue() + "): " + out);
        }
        return out;
    }

    private static String lastLine(String out) {
        return out.lines().reduce((a, b) -> b).orElse("");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
