package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.daemon.LabDaemonLauncher;
import io.labbench.locallab.net.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws ec2 describe-instances} in kops-ec2 (the real AWS CLI through the lab's wrapper, to the lab's
 * endpoint and back) against the same CLI's start-up alone ({@code aws --version}): 10 of each, alternated,
 * in one run, timed inside kops-ec2 (SSH is not counted); medians printed. A main, run as root:
 * <pre>mvn -o -q -pl modules/locallab test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt):modules/locallab/target/classes:modules/locallab/target/test-classes" \
 *   io.labbench.locallab.bench.AwsCliRoundTripBenchmark [runs]</pre>
 */
public final class AwsCliRoundTripBenchmark {

    private AwsCliRoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Files.createTempDirectory("labbench-awsbench");
        LabSettings settings = LabSettings.defaults(root, BenchPrefixes.random("lba")).withKubeconfig(root.resolve("kubeconfig"));
        try {
            LabStatus status = LabDaemonLauncher.start(settings, (d, t, m) -> { }, Duration.ofSeconds(180));
            LabStatus.Endpoint e = status.endpoints().stream().filter(x -> x.name().equals("kops-ec2")).findFirst().orElseThrow();
            // one of each first: the page cache and Python's bytecode cache warm up as on any second use
            String script = "t() { s=$(date +%s%N); \"$@\" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); };"
                    + " t aws --version; t aws ec2 describe-instances;"
                    + " for i in $(seq " + runs + "); do echo V $(t aws --version); echo D $(t aws ec2 describe-instances); done";
            String out = ProcessRunner.run(List.of("ssh", "-F", "/dev/null", "-i", e.privateKey(), "-o", "UserKnownHostsFile=" + e.knownHosts(),
                    "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                    "-p", Integer.toString(e.port()), e.user() + "@" + e.host(), script), "");
            List<Long> version = new ArrayList<>();
            List<Long> describe = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == 2 && f[0].equals("V")) {
                    version.add(Long.parseLong(f[1]));
                } else if (f.length == 2 && f[0].equals("D")) {
                    describe.add(Long.parseLong(f[1]));
                }
            }
            System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("aws --version                 median " + median(version) + " ms  " + version);
            System.out.println("aws ec2 describe-instances    median " + median(describe) + " ms  " + describe);
            System.out.println("the round trip beyond start-up: " + (median(describe) - median(version)) + " ms");
            // Machine-readable lines for ./run-benchmarks: metric, value, unit, reference, goal. The CLI's own start-up
            // (Python) is most of any aws command; the goal is that the lab's endpoint adds at most half of it again.
            System.out.println("BENCH\taws ec2 describe-instances in kops-ec2, median (ref: aws --version, the same CLI's start-up)\t"
                    + median(describe) + "\tms\t" + median(version) + "\t<=1.5x");
            System.out.println("BENCH\taws ec2 describe-instances beyond the CLI's start-up (lab endpoint round trip)\t"
                    + (median(describe) - median(version)) + "\tms\t-\t-");
        } finally {
            LabDaemonLauncher.stop(settings, Duration.ofSeconds(60));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
