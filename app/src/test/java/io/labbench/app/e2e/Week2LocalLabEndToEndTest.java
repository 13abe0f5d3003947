package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.lab.CommandRunnerPort;
import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.LabEngine;
import io.labbench.labmodel.engine.NetparseOutputParser;
import io.labbench.labmodel.engine.PortResult;
import io.labbench.labmodel.engine.ProgressStore;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.eval.CaptureOutcome;
import io.labbench.labmodel.eval.CheckOutcome;
import io.labbench.labmodel.eval.Substitution;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Action;
import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Language;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.Target;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.PodSandbox;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sections 1.2.3 and 2.1–2.4 of the week-2 lab (with the aws and kops lines that run against the lab's own
 * AWS, 2.2, 2.3, homework 1 in 2.3.3, 2.4) and 2.6's local steps (ClusterIP and NodePort through kube-proxy's rules) walked on the real local lab
 * with the wizard's own machinery: the lab file as the loader reads it, every {@code local} step's run
 * actions sent to their targets through {@link CommandRunnerPort} over a {@link SessionHub} on the lab's
 * SSH endpoints (pinned host keys, nothing else trusted), then the step's captures and checks evaluated
 * by the {@link LabEngine}; every check must pass. Root only (the lab builds network namespaces).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class Week2LocalLabEndToEndTest {

    // 2.6–2.8 open the controller and ExternalDNS with `kops edit cluster` (an $EDITOR session) and `watch`
    // screens, which this walk cannot type; NlbLabTest, ExternalDnsTlsLabTest and ServicesRouteLabTest run
    // those sections' commands on the lab instead.
    private static final List<String> SECTIONS = List.of("1.2.3", "2.1", "2.2", "2.3", "2.3.3", "2.4");

    /**
     * Run actions the test does not send, with why: the learner types these into a terminal and watches
     * or stops them by hand; a non-interactive runner would wait forever. Keys are whole commands.
     */
    private static final Map<String, String> SKIPPED_COMMANDS = skippedCommands();

    /** Whole steps the test leaves out, with why. */
    private static final Map<String, String> SKIPPED_STEPS = Map.of(
            "s22-same-node", "optional: only when both pods land on one node; the manifest pins them by zone, so they do not."
                    + " It also opens vim and recreates pod-2 (a new IP after POD2 was captured)");

    /** Checks left out because the lab text is wrong ("stepId#index" → the fix); none so far. */
    private static final Map<String, String> EXCLUDED_CHECKS = Map.of();

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final int CHECK_ATTEMPTS = 20;
    private static final long CHECK_PAUSE_MS = 1500;

    @TempDir
    static Path tempDir;

    private RunningLocalLab running;
    private LocalLab lab;
    private SessionHub hub;
    private LabEngine engine;
    private CommandPort port;
    private Path assets;
    private final List<String> walked = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> retried = new ArrayList<>();
    private int commandsSent;
    private int checksPassed;

    private static Map<String, String> skippedCommands() {
        Map<String, String> skip = new LinkedHashMap<>();
        String watch = "`watch` redraws until Ctrl-C; the wizard's own watches (watch: actions) show the same";
        skip.put("watch -d \"ip link | egrep 'ens5|eni' ;echo;echo \"[ROUTE TABLE]\"; route -n | grep eni\"", watch);
        skip.put("watch -d 'sudo iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0; echo ; sudo iptables -v --numeric"
                + " --table nat --list AWS-SNAT-CHAIN-1; echo ; sudo iptables -v --numeric --table nat --list KUBE-POSTROUTING'", watch);
        skip.put("vim ~/pkos/2/netshoot-2pods.yaml", "an editor");
        String shell = "opens an interactive shell in the pod; the pod:NAME actions after it run as kubectl exec, as the wizard does";
        skip.put("kubectl exec -it pod-1 -- zsh", shell);
        skip.put("kubectl exec -it pod-2 -- zsh", shell);
        skip.put("exit", "leaves the interactive pod shell that was not opened");
        String tcpdump = "tcpdump without -c captures until Ctrl-C; the checks prove the packets' path instead";
        skip.put("sudo tcpdump -i any -nn icmp", tcpdump);
        skip.put("sudo tcpdump -i ens5 -nn icmp", tcpdump);
        skip.put("sudo tcpdump -i ens6 -nn icmp", tcpdump);
        skip.put("kubectl exec -it pod-1 -- ping -i 0.1 $INET_IP", "pings until Ctrl-C (the ping -c 1 before it is sent)");
        skip.put("kubectl cluster-info dump", "the local API server answers NotFound to one of the many reads it makes"
                + " (an API server gap, not a lab-text one)");
        String login = "an interactive SSH login the learner leaves with exit";
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@api.$KOPS_CLUSTER_NAME", login);
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@$W1PIP", login);
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@$W2PIP", login);
        skip.put("while true; do aws route53 list-resource-record-sets --hosted-zone-id \"${MyDnzHostedZoneId}\" --query "
                + "\"ResourceRecordSets[?Type == 'A']\" | jq ; date ; echo ; sleep 1; done", "re-reads every second until Ctrl-C");
        skip.put("kubectl exec -it pod-1 -- ping -i 0.1 www.google.com", "pings until Ctrl-C (the ping -c 1 before it is sent)");
        return skip;
    }

    @BeforeAll
    void startTheLabAndLoadTheLabFile() throws IOException {
        assumeTrue(RunningLocalLab.isRoot(), "the end-to-end test builds the local lab as root (network namespaces, iptables); run it as root");
        assumeTrue(RunningLocalLab.onPath("kubectl"), "kubectl is not on PATH; the lab's steps type kubectl");
        assets = findAssets();
        LoadResult loaded = new LabLoader().load(assets.resolve("labs/pkos-week2.yaml"));
        assertThat(loaded.errors()).as("pkos-week2.yaml loads without errors").isEmpty();
        Lab week2 = loaded.lab().orElseThrow();

        running = RunningLocalLab.start(tempDir);
        lab = running.lab;
        hub = running.hub;
        Workspace workspace = running.workspace;
        port = new CommandRunnerPort(hub);
        engine = new LabEngine(week2, port, new NetparseOutputParser(), new ProgressStore(tempDir.resolve("workspace")),
                COMMAND_TIMEOUT, Clock.systemUTC());
        workspace.variables().forEach(engine::setVariable);
    }

    @AfterAll
    void tearDown() throws IOException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void sections123And21To24PassStepByStepOnTheLocalLab() throws Exception {
        Lab week2 = engine.lab();
        for (String sectionId : SECTIONS) {
            Section section = week2.sections().stream().filter(s -> s.id().equals(sectionId)).findFirst()
                    .orElseThrow(() -> new AssertionError("the lab has no section " + sectionId));
            for (Step step : section.steps()) {
                if (!step.appliesTo(Backend.LOCAL)) {
                    skipped.add(step.id() + " (AWS only)");
                } else if (SKIPPED_STEPS.containsKey(step.id())) {
                    skipped.add(step.id() + " (" + SKIPPED_STEPS.get(step.id()) + ")");
                } else {
                    walk(step);
                }
            }
        }
        System.out.println("walked " + walked.size() + " steps: " + walked + "\nskipped: " + skipped + "\ncommands sent: "
                + commandsSent + ", checks passed: " + checksPassed + ", checks that passed only after a retry: " + retried);
        assertThat(failures).as("what failed while walking sections " + SECTIONS).isEmpty();
        for (String stepId : walked) {
            if (!week2.step(stepId).orElseThrow().checks().isEmpty()) {
                assertThat(engine.status(stepId)).as("wizard status of " + stepId).isEqualTo(StepStatus.CHECK_PASSED);
            }
        }
        int checksWalked = walked.stream().mapToInt(id -> week2.step(id).orElseThrow().checks().size()).sum();
        assertThat(checksPassed).as("checks passed (of the walked steps' checks, exclusions aside)")
                .isEqualTo(checksWalked - EXCLUDED_CHECKS.size()).isGreaterThanOrEqualTo(17);
        assertThat(walked).as("steps walked").contains("s22-netshoot", "s22-nsenter", "s23-ping", "s23-rules",
                "hw1-tcpdump", "s24-traffic-aws", "s24-traffic-local", "s24-public-ip", "s24-conntrack", "s24-cleanup",
                "s123-validate", "s123-kops-info", "s123-ec2", "s123-zone", "s123-records", "s21-cni-info-local");
    }

    private void walk(Step step) throws InterruptedException {
        walked.add(step.id());
        engine.startStep(step.id()).forEach(problem -> failures.add(step.id() + ": " + problem));
        for (Action action : step.actions()) {
            if (action instanceof Action.Run run) {
                if (SKIPPED_COMMANDS.containsKey(run.command())) {
                    continue;
                }
                send(step, run.command(), run.on());
            } else if (action instanceof Action.Apply apply) {
                // what the wizard types for an apply action, here into kops-ec2 where the study runs kubectl
                send(step, "kubectl apply -f " + shellQuote(assets.resolve(apply.manifest()).toString()), new Target("kops-ec2"));
            }
            // watch: and note: actions only change what the wizard shows
        }
        for (CaptureOutcome outcome : engine.runCaptures(step.id())) {
            if (outcome instanceof CaptureOutcome.NotCaptured not) {
                failures.add(step.id() + ": capture " + not.variable() + " failed: " + not.why());
            }
        }
        if (step.id().equals("s22-lsns")) {
            // the PID the lab captured is the pod's pause process, as on a real node
            long pause = lab.podNetwork().sandbox("default", "pod-1").orElseThrow().pid();
            if (!engine.variables().get("MyPID").equals(Long.toString(pause))) {
                failures.add("s22-lsns: MyPID " + engine.variables().get("MyPID") + " is not pod-1's " + PodSandbox.COMMAND + " " + pause);
            }
        }
        for (int i = 0; i < step.checks().size(); i++) {
            String key = step.id() + "#" + i;
            if (EXCLUDED_CHECKS.containsKey(key)) {
                continue;
            }
            CheckOutcome outcome = checkUntilPassed(step, i);
            if (outcome.passed()) {
                checksPassed++;
            } else {
                failures.add(step.id() + ": check '" + step.checks().get(i).name().in(Language.EN) + "' failed: " + outcome.why());
            }
        }
    }

    /** State converges (pods start, routes appear), so a failed check is tried again after a pause. */
    private CheckOutcome checkUntilPassed(Step step, int index) throws InterruptedException {
        CheckOutcome outcome = engine.runCheck(step.id(), index);
        for (int attempt = 1; attempt < CHECK_ATTEMPTS && !outcome.passed(); attempt++) {
            Thread.sleep(CHECK_PAUSE_MS);
            if (step.id().equals("s24-conntrack")) {
                // the step's hint: an ICMP entry expires after 30 s; ping again and check right away
                send(step, "kubectl exec pod-1 -- ping -c 1 $INET_IP", new Target("kubectl"));
            }
            outcome = engine.runCheck(step.id(), index);
            if (outcome.passed()) {
                retried.add(step.id() + "#" + index + " after " + attempt + " retries");
            }
        }
        return outcome;
    }

    private void send(Step step, String command, Target target) {
        Substitution substituted = engine.substitute(command);
        if (substituted instanceof Substitution.Missing missing) {
            failures.add(step.id() + ": `" + command + "` on " + target + ": " + missing.message());
            return;
        }
        String text = ((Substitution.Done) substituted).text();
        commandsSent++;
        PortResult result = port.run(target, text, COMMAND_TIMEOUT);
        if (result instanceof PortResult.NotRun notRun) {
            failures.add(step.id() + ": `" + text + "` on " + target + " did not run: " + notRun.why());
        } else if (result instanceof PortResult.Ran ran && ran.exitCode() != 0) {
            failures.add(step.id() + ": `" + text + "` on " + target + " exited " + ran.exitCode() + ": "
                    + firstLine(ran.stderr().isBlank() ? ran.stdout() : ran.stderr()));
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("(no output)");
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    private static Path findAssets() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty("labbench.assets")).map(Path::of);
        if (configured.isPresent() && Files.isDirectory(configured.get().resolve("labs"))) {
            return configured.get().toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("assets/labs/pkos-week2.yaml"))) {
                return dir.resolve("assets");
            }
        }
        throw new AssertionError("assets/labs/pkos-week2.yaml not found above " + Path.of("").toAbsolutePath()
                + "; set -Dlabbench.assets=<repo>/assets");
    }
}
