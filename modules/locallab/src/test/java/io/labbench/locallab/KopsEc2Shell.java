package io.labbench.locallab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.locallab.net.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands a learner types in a test lab's kops-ec2, over the lab's own SSH (its login shell: the study's
 * PATH, {@code KOPS_CLUSTER_NAME}, the lab's {@code aws} and {@code kubectl}), with the checks the NLB lab
 * tests share: the real AWS CLI's JSON, waiting for it to show something, and the study's 100-curl loop.
 */
public final class KopsEc2Shell {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOSTNAME = Pattern.compile("(?m)^Hostname: (\\S+)");

    private final LabStatus.Endpoint endpoint;

    public KopsEc2Shell(LabStatus status) {
        this.endpoint = status.endpoints().stream().filter(x -> x.name().equals("kops-ec2")).findFirst().orElseThrow();
    }

    /** Runs a script in kops-ec2; any exit code. */
    public ProcessRunner.Result run(String script) throws Exception {
        return run(script, "");
    }

    /** Runs a script in kops-ec2 with {@code stdin} as its input; any exit code. */
    public ProcessRunner.Result run(String script, String stdin) throws Exception {
        LabStatus.Endpoint e = endpoint;
        return ProcessRunner.runAllowingFailure(List.of("ssh", "-F", "/dev/null", "-i", e.privateKey(), "-o",
                "UserKnownHostsFile=" + e.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-p", Integer.toString(e.port()), e.user() + "@" + e.host(), script), stdin);
    }

    /** Runs a script in kops-ec2, expects exit 0, returns its stdout. */
    public String ok(String script) throws Exception {
        ProcessRunner.Result r = run(script);
        assertThat(r.exitCode()).as(script + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    /** {@code aws ARGS} in kops-ec2 (the real CLI against the lab's endpoint), expects exit 0. */
    public String aws(String args) throws Exception {
        ProcessRunner.Result r = run("aws " + args);
        assertThat(r.exitCode()).as("aws " + args + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    public JsonNode awsJson(String args) throws Exception {
        return JSON.readTree(aws(args));
    }

    /** Repeats {@code aws ARGS} until its JSON passes {@code done} (60 s at most). */
    public String awaitAws(String args, Predicate<JsonNode> done) throws Exception {
        String last = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; Thread.sleep(500)) {
            last = aws(args);
            if (done.test(JSON.readTree(last))) {
                return last;
            }
        }
        throw new AssertionError("aws " + args + " never showed what was expected; last output:\n" + last);
    }

    /** Repeats a script until its stdout contains {@code expected} (the timeout at most); returns the last stdout. */
    public String awaitOutput(String script, String expected, Duration timeout) throws Exception {
        String out = "";
        for (long deadline = System.nanoTime() + timeout.toNanos(); System.nanoTime() < deadline; Thread.sleep(300)) {
            out = run(script).stdout();
            if (out.contains(expected)) {
                return out;
            }
        }
        return out;
    }

    /** The study's loop: 100 curls to {@code target}, the echoserver's Hostname counted per pod. */
    public Map<String, Integer> hundredCurls(String target) throws Exception {
        ProcessRunner.Result r = run("for i in $(seq 1 100); do curl -s --max-time 3 " + target + " | grep Hostname; done");
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = HOSTNAME.matcher(r.stdout());
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }
}
