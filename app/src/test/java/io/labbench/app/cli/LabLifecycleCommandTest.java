package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code labbench lab up|status|down} end to end, as root, with a lab prefix of its own. */
class LabLifecycleCommandTest {

    @TempDir
    Path home;
    private String previousHome;
    private String prefix;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void useTemporaryHome() {
        previousHome = System.getProperty("labbench.home");
        System.setProperty("labbench.home", home.toString());
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        prefix = "lbt" + HexFormat.of().formatHex(random);
    }

    @AfterEach
    void restoreHome() {
        run("lab", "down", "--prefix", prefix);
        if (previousHome == null) {
            System.clearProperty("labbench.home");
        } else {
            System.setProperty("labbench.home", previousHome);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LabBenchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String netnsList() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void upRunsTheLabInTheBackgroundStatusDescribesItAndDownRemovesIt() throws Exception {
        Run before = run("lab", "status", "--json", "--prefix", prefix);
        assertThat(before.exitCode()).isEqualTo(LabStatusCommand.NOT_RUNNING);
        assertThat(new ObjectMapper().readTree(before.out()).get("running").asBoolean()).isFalse();

        Run up = run("lab", "up", "--prefix", prefix, "--json", "--timings");
        assertThat(up.exitCode()).as(up.err()).isZero();
        int parts = io.labbench.locallab.LocalLab.upSteps(io.labbench.locallab.settings.LabSettings.defaults(Path.of("/tmp"), prefix));
        assertThat(up.err()).containsPattern("\\[\\d+/" + parts + "\\] Building the VPC").contains("[" + parts + "/" + parts + "] Lab is up");
        // --timings: one line per part of the daemon's up, with its start, end and duration (stderr beside --json)
        assertThat(up.err()).containsPattern("(?m)^machine check +\\+\\d+ ms +\\+\\d+ ms +\\d+ ms$")
                .containsPattern("(?m)^network +\\+\\d+ ms").containsPattern("(?m)^kubernetes api +\\+\\d+ ms")
                .containsPattern("(?m)^status file +\\+\\d+ ms").containsPattern("Lab up \\d+ ms after the daemon started");
        long daemon = new ObjectMapper().readTree(up.out()).get("pid").asLong();
        // the lab runs on its own: the command that started it keeps no process of it (no child left for its
        // JVM's exit to wait on), and the daemon lives on
        assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(daemon);
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("setsid"))).isEmpty();

        Run status = run("lab", "status", "--json", "--prefix", prefix);
        assertThat(status.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("running").asBoolean()).isTrue();
        assertThat(json.get("rootless").asBoolean()).isFalse();
        assertThat(json.get("kubeconfig").asText()).satisfiesAnyOf(k -> assertThat(k).isEmpty(),
                k -> assertThat(k).endsWith("locallab/" + prefix + "-kubeconfig"));
        JsonNode worker1 = null;
        for (JsonNode node : json.get("nodes")) {
            if (node.get("name").asText().equals("worker1")) {
                worker1 = node;
            }
        }
        assertThat(worker1).isNotNull();
        assertThat(worker1.get("netns").asText()).isEqualTo(prefix + "-worker1");
        assertThat(worker1.get("ip").asText()).isEqualTo("172.30.46.72");
        assertThat(worker1.get("instanceType").asText()).isEqualTo("t3.medium");
        assertThat(worker1.get("maxPods").asInt()).isEqualTo(17);
        assertThat(json.get("sshPorts").get("worker1").asInt()).isPositive();
        assertThat(netnsList()).contains(prefix + "-worker1");

        Run text = run("lab", "status", "--prefix", prefix);
        assertThat(text.out()).contains("worker1").contains("ip-172-30-46-72").contains("ubuntu@127.0.0.1:");

        Run down = run("lab", "down", "--prefix", prefix);
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("is down");
        assertThat(netnsList()).doesNotContain(prefix + "-");
        assertThat(run("lab", "status", "--prefix", prefix).exitCode()).isEqualTo(LabStatusCommand.NOT_RUNNING);
    }

    @Test
    void upWithoutSettingsOptionsStartsWithWhatTheAppSavedAndOptionsWin() throws Exception {
        io.labbench.locallab.LabSettingsFile.save(LabUpCommand.settings(prefix).withPrefixDelegation(110));

        Run up = run("lab", "up", "--prefix", prefix, "--json", "--timings");
        assertThat(up.exitCode()).as(up.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(up.out());
        assertThat(json.get("prefixDelegation").asBoolean()).isTrue();
        for (JsonNode node : json.get("nodes")) {
            if (node.get("name").asText().startsWith("worker")) {
                assertThat(node.get("maxPods").asInt()).as(node.get("name").asText()).isEqualTo(110);
            }
        }
        assertThat(run("lab", "down", "--prefix", prefix).exitCode()).isZero();

        Run explicit = run("lab", "up", "--prefix", prefix, "--json", "--instance-type", "t3.large");
        assertThat(explicit.exitCode()).as(explicit.err()).isZero();
        JsonNode second = new ObjectMapper().readTree(explicit.out());
        assertThat(second.get("prefixDelegation").asBoolean()).isFalse();
        assertThat(second.get("nodes").findValuesAsText("maxPods")).contains("35");
    }

    @Test
    void twoLabsWithTheirOwnPrefixesKeepTheirOwnKubeconfigs() throws Exception {
        String other = prefix.replaceFirst("^lbt", "lbu");
        try {
            Run upA = run("lab", "up", "--prefix", prefix, "--json");
            assertThat(upA.exitCode()).as(upA.err()).isZero();
            Run upB = run("lab", "up", "--prefix", other, "--json");
            assertThat(upB.exitCode()).as(upB.err()).isZero();
            Path kubeconfigA = Path.of(new ObjectMapper().readTree(run("lab", "status", "--json", "--prefix", prefix).out()).get("kubeconfig").asText());
            Path kubeconfigB = Path.of(new ObjectMapper().readTree(run("lab", "status", "--json", "--prefix", other).out()).get("kubeconfig").asText());
            assertThat(kubeconfigA).isNotEqualTo(kubeconfigB);
            String configA = java.nio.file.Files.readString(kubeconfigA);
            assertThat(java.nio.file.Files.readString(kubeconfigB)).isNotEqualTo(configA);
            assertThat(kubectlNodes(kubeconfigA)).isEqualTo(3);
            assertThat(kubectlNodes(kubeconfigB)).isEqualTo(3);

            // the second lab going down leaves the first one's kubeconfig as it was, and working
            assertThat(run("lab", "down", "--prefix", other).exitCode()).isZero();
            assertThat(java.nio.file.Files.readString(kubeconfigA)).isEqualTo(configA);
            assertThat(kubectlNodes(kubeconfigA)).isEqualTo(3);
        } finally {
            run("lab", "down", "--prefix", other);
        }
    }

    /** {@code kubectl get nodes} with that kubeconfig: how many nodes the lab's API server lists. */
    private static long kubectlNodes(Path kubeconfig) throws Exception {
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "nodes", "-o", "name")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("node/")).count();
    }

    @Test
    void anUnknownInstanceTypeIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Run up = run("lab", "up", "--prefix", prefix, "--instance-type", "x9.huge");
        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).contains("x9.huge").contains("t3.medium");
        assertThat(netnsList()).doesNotContain(prefix + "-");
    }
}
