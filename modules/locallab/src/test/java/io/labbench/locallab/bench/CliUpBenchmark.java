package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.LabCleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code labbench lab up --json} as the learner runs it (through the checkout's {@code labbench} launcher when
 * given it instead of the jar): a cold command-line JVM that starts the
 * lab's daemon JVM and returns once the lab is up. One warm-up run first (it makes the daemon's
 * class-data archive after a rebuild), then N timed runs, each followed by {@code lab down}. The
 * daemon's {@code TIMING} lines give each phase's start and end, printed as offsets from the moment
 * the command line was started.
 */
final class CliUpBenchmark {

    /** Random per run of the benchmark, so it never meets a running lab (see {@link BenchPrefixes}). */
    private static final String PREFIX = BenchPrefixes.random("lbc");
    private static final Pattern TIMING = Pattern.compile("^TIMING (\\d+) (\\d+) (.+)$");
    private static final Pattern PID = Pattern.compile("\"pid\" : (\\d+)");

    private CliUpBenchmark() {
    }

    static void run(Path jar, int runs, Path root) throws Exception {
        Path home = Files.createDirectories(root.resolve("cli-home"));
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
        once(jar, home, false);
        List<Long> totals = new ArrayList<>();
        Map<String, List<String>> phases = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            Run run = once(jar, home, i == runs - 1);
            totals.add(run.millis());
            run.phases().forEach((name, span) -> phases.computeIfAbsent(name, n -> new ArrayList<>()).add(span));
            System.out.println("run " + i + ": " + run.millis() + " ms  " + run.phases());
        }
        System.out.println("labbench lab up --json ms (each run): " + totals + "  median " + LocalLabBenchmark.median(totals));
        // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.println("BENCH\tlabbench lab up, end to end\t" + LocalLabBenchmark.median(totals) + "\tms\t-\t<=3000");
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /**
     * Two builds of the app compared on a shared, busy machine: run by run alternately (A, B, A, B…), so
     * both meet the same load; each with its own home and one warm-up run first.
     */
    static void runAlternating(Path jarA, Path jarB, int runs, Path root) throws Exception {
        Path homeA = Files.createDirectories(root.resolve("cli-home-a"));
        Path homeB = Files.createDirectories(root.resolve("cli-home-b"));
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
        once(jarA, homeA, false);
        once(jarB, homeB, false);
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run runA = once(jarA, homeA, false);
            Run runB = once(jarB, homeB, false);
            a.add(runA.millis());
            b.add(runB.millis());
            System.out.println("run " + i + ": A " + runA.millis() + " ms " + runA.phases());
            System.out.println("run " + i + ": B " + runB.millis() + " ms " + runB.phases());
        }
        System.out.println("A " + jarA + " lab up --json ms: " + a + "  median " + LocalLabBenchmark.median(a));
        System.out.println("B " + jarB + " lab up --json ms: " + b + "  median " + LocalLabBenchmark.median(b));
        System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    record Run(long millis, Map<String, String> phases) {
    }

    private static Run once(Path jar, Path home, boolean measureMemory) throws Exception {
        // /usr/bin/time for the command line's CPU seconds: on a shared machine they vary less than wall time
        List<String> up = new ArrayList<>(List.of("/usr/bin/time", "-f", "CPU %U %S"));
        up.addAll(command(jar, home, "up", "--json"));
        long start = System.currentTimeMillis();
        Process cli = new ProcessBuilder(up).start();
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "";
            }
        });
        String json = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = cli.waitFor();
        long millis = System.currentTimeMillis() - start;
        if (code != 0) {
            throw new IllegalStateException("lab up exited with " + code + ": " + err.join());
        }
        Map<String, String> phases = new LinkedHashMap<>();
        Matcher cpu = Pattern.compile("CPU ([0-9.]+) ([0-9.]+)").matcher(err.join());
        if (cpu.find()) {
            phases.put("cli cpu ms", Long.toString(Math.round((Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2))) * 1000)));
        }
        Matcher daemonPid = PID.matcher(json);
        if (daemonPid.find()) {
            String[] stat = Files.readString(Path.of("/proc", daemonPid.group(1), "stat")).split("\\) ")[1].split(" ");
            // utime and stime (fields 14 and 15 of /proc/PID/stat) in clock ticks of 10 ms
            phases.put("daemon cpu ms", Long.toString((Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10));
        }
        Path log = home.resolve("state/locallab/" + PREFIX + "-daemon.log");
        for (String line : Files.readAllLines(log)) {
            Matcher m = TIMING.matcher(line);
            if (m.matches()) {
                long from = Long.parseLong(m.group(1)) - start;
                long to = Long.parseLong(m.group(2)) - start;
                phases.put(m.group(3), from == to ? "@" + from : from + ".." + to);
            }
        }
        if (measureMemory) {
            Matcher pid = PID.matcher(json);
            if (pid.find()) {
                long daemon = Long.parseLong(pid.group(1));
                LabSettings settings = LabSettings.defaults(home.resolve("state/locallab"), PREFIX);
                long others = 0;
                int count = 0;
                for (ProcessHandle p : new LabCleaner(PREFIX, settings.labDir()).processes()) {
                    others += LocalLabBenchmark.rssKb(p.pid());
                    count++;
                }
                System.out.println("memory after up: daemon RSS " + LocalLabBenchmark.rssKb(daemon) / 1024 + " MiB; "
                        + count + " other lab processes " + others / 1024 + " MiB");
            }
        }
        Process down = new ProcessBuilder(command(jar, home, "down")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        down.waitFor();
        return new Run(millis, phases);
    }

    private static List<String> command(Path jar, Path home, String... lab) {
        List<String> argv;
        if (jar.toString().endsWith(".jar")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            argv = new ArrayList<>(List.of(java, "-Dlabbench.home=" + home, "-jar", jar.toString(), "lab"));
        } else {
            // the checkout's launcher, as README's commands run it (its JVM options and class-data archive)
            argv = new ArrayList<>(List.of("env", "LABBENCH_JAVA_OPTS=-Dlabbench.home=" + home, jar.toString(), "lab"));
        }
        argv.addAll(List.of(lab));
        argv.addAll(List.of("--prefix", PREFIX));
        return argv;
    }
}
