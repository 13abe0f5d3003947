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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The week-2 lab walked on the real local lab, section by section as a learner types it: 1.2.3 (with the aws
 * and kops lines that run against the lab's own AWS), 2.1–2.4 with homework 1, then 2.6 (kube-proxy's
 * ClusterIP and NodePort, the Load Balancer Controller through {@code kops edit cluster}, the NLB, the 100-curl
 * distribution, target health, scaling), 2.7 (ExternalDNS through {@code kops edit cluster}, {@code dig} and
 * curl by the learner's domain), homework 3 and homework 4 (ACM, the TLS listener, instance mode, PROXY
 * protocol v2). It uses the wizard's own machinery: the lab file as the loader reads it, every {@code local}
 * step's run actions sent to their targets through {@link CommandRunnerPort} over a {@link SessionHub} on the
 * lab's SSH endpoints (pinned host keys, nothing else trusted), then the step's captures and checks evaluated
 * by the {@link LabEngine}; every check must pass. {@code kops edit} runs with {@code EDITOR} set to a script
 * making the study's edit; commands that never end ({@code watch}, log follows, {@code while true} loops) are
 * not typed but checked once on what they would show. Root only (the lab builds network namespaces).
 * Prints the walk's time per section and its slowest steps ({@code WALK …}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class Week2LocalLabEndToEndTest {

    private static final List<String> SECTIONS = List.of("1.2.3", "2.1", "2.2", "2.3", "2.3.3", "2.4", "2.6", "2.7", "2.7.3", "2.8");

    /**
     * Run actions the test does not send, with why and, where the command shows state, what it would have
     * shown: the learner types these into a terminal and watches or stops them by hand; a non-interactive
     * runner would wait forever. Keys are whole commands.
     */
    private static final Map<String, Skip> SKIPPED_COMMANDS = skippedCommands();

    /**
     * Commands that open {@code $EDITOR} ({@code kops edit cluster}), with the edit the study makes in it:
     * the walk types the command with {@code EDITOR} set to a script that makes exactly that edit, so the
     * lab's real {@code kops edit} path (document out, edited document back, validation) runs.
     */
    private static final Map<String, String> EDITS = Map.of(
            "kops edit cluster --name ${KOPS_CLUSTER_NAME}",
            "sed -i 's/^spec:$/spec:\\n  certManager:\\n    enabled: true\\n  awsLoadBalancerController:\\n    enabled: true/' \"$1\"",
            "kops edit cluster",
            "sed -i 's/^spec:$/spec:\\n  externalDns:\\n    provider: external-dns/' \"$1\"");

    /** Whole steps the test leaves out, with why. */
    private static final Map<String, String> SKIPPED_STEPS = Map.of(
            "s22-same-node", "optional: only when both pods land on one node; the manifest pins them by zone, so they do not."
                    + " It also opens vim and recreates pod-2 (a new IP after POD2 was captured)");

    /** Checks left out because the lab text is wrong ("stepId#index" → the fix); none so far. */
    private static final Map<String, String> EXCLUDED_CHECKS = Map.of();

    /** A command the walk does not type, why, and optionally the one-shot command whose output shows the same state. */
    private record Skip(String why, Optional<StandIn> standIn) {
        static Skip only(String why) {
            return new Skip(why, Optional.empty());
        }

        static Skip showing(String why, String command, String on, String shows) {
            return new Skip(why, Optional.of(new StandIn(command, new Target(on), Pattern.compile(shows))));
        }
    }

    /** What a never-ending command would have shown: a command that ends, where, and what its output must match. */
    private record StandIn(String command, Target on, Pattern shows) { }

    /**
     * Lines after which the step's text asks the learner to wait for the lab to converge before typing on: the
     * walk waits the same way, until the one-shot command shows that state. (s27-annotate: "wait a little, and
     * check with dig that the name resolves"; ExternalDNS writes the record at its next sync, up to 5 s later.)
     */
    private static final Map<String, StandIn> WAIT_AFTER = Map.of(
            "kubectl annotate service svc-nlb-ip-type \"external-dns.alpha.kubernetes.io/hostname=$MyDOMAIN1.\"",
            new StandIn("dig +short $MyDOMAIN1", new Target("kops-ec2"), Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b")));

    /**
     * Steps whose text asks the learner to wait for the lab before typing them, with the one-shot command that shows
     * the awaited state. (hw4-test: "once ExternalDNS has the record and the NLB is active (a few minutes)"; the
     * NLB's name, and so the alias record to it, answers once the NLB is active.)
     */
    private static final Map<String, StandIn> WAIT_BEFORE = Map.of(
            "hw4-test", new StandIn("dig +short $MyDomain", new Target("kops-ec2"), Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b")));

    /**
     * Steps whose text says their state takes time to settle, with what it says: only their failing checks are
     * read again (up to {@link #CHECK_ATTEMPTS} times, {@link #CHECK_PAUSE_MS} apart). Every other check is read
     * once, as a learner reads it right after the step's commands: a lab that fails it showed a state before it was true.
     */
    private static final Map<String, String> CONVERGING_CHECKS = Map.of(
            "s24-conntrack", "hint: an ICMP entry expires after 30 s; ping again and check right away",
            "s26-nlb", "a new NLB takes a while to go from provisioning to active",
            "s26-target-health", "each target shows its state, initial → healthy",
            "s26-scale", "a new target is initial until it passes the health check's threshold",
            "s28-instance-mode", "the next step waits until the name shows and a target is healthy",
            "hw3-cleanup", "ExternalDNS deletes its records at its next sync; list again if the record is still there");

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
    private int standInsPassed;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private final Map<String, Double> sectionSeconds = new LinkedHashMap<>();

    private static Map<String, Skip> skippedCommands() {
        Map<String, Skip> skip = new LinkedHashMap<>();
        Skip watch = Skip.only("`watch` redraws until Ctrl-C; the wizard's own watches (watch: actions) show the same");
        skip.put("watch -d \"ip link | egrep 'ens5|eni' ;echo;echo \"[ROUTE TABLE]\"; route -n | grep eni\"", watch);
        skip.put("watch -d 'sudo iptables -v --numeric --table nat --list AWS-SNAT-CHAIN-0; echo ; sudo iptables -v --numeric"
                + " --table nat --list AWS-SNAT-CHAIN-1; echo ; sudo iptables -v --numeric --table nat --list KUBE-POSTROUTING'", watch);
        skip.put("vim ~/pkos/2/netshoot-2pods.yaml", Skip.only("an editor"));
        Skip shell = Skip.only("opens an interactive shell in the pod; the pod:NAME actions after it run as kubectl exec, as the wizard does");
        skip.put("kubectl exec -it pod-1 -- zsh", shell);
        skip.put("kubectl exec -it pod-2 -- zsh", shell);
        skip.put("exit", Skip.only("leaves the interactive pod shell that was not opened"));
        Skip tcpdump = Skip.only("tcpdump without -c captures until Ctrl-C; the checks prove the packets' path instead");
        skip.put("sudo tcpdump -i any -nn icmp", tcpdump);
        skip.put("sudo tcpdump -i ens5 -nn icmp", tcpdump);
        skip.put("sudo tcpdump -i ens6 -nn icmp", tcpdump);
        skip.put("kubectl exec -it pod-1 -- ping -i 0.1 $INET_IP", Skip.only("pings until Ctrl-C (the ping -c 1 before it is sent)"));
        skip.put("kubectl cluster-info dump", Skip.only("the local API server answers NotFound to one of the many reads it makes"
                + " (an API server gap, not a lab-text one)"));
        Skip login = Skip.only("an interactive SSH login the learner leaves with exit");
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@api.$KOPS_CLUSTER_NAME", login);
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@$W1PIP", login);
        skip.put("ssh -i ~/.ssh/id_rsa ubuntu@$W2PIP", login);
        skip.put("while true; do aws route53 list-resource-record-sets --hosted-zone-id \"${MyDnzHostedZoneId}\" --query "
                + "\"ResourceRecordSets[?Type == 'A']\" | jq ; date ; echo ; sleep 1; done", Skip.only("re-reads every second until Ctrl-C"));
        skip.put("kubectl exec -it pod-1 -- ping -i 0.1 www.google.com", Skip.only("pings until Ctrl-C (the ping -c 1 before it is sent)"));

        // 2.6–2.8: screens that never end; each is checked once, on what it would show at that point
        skip.put("watch kubectl get pod -A", Skip.showing("`watch` redraws until Ctrl-C",
                "kubectl get pod -A", "kops-ec2", "kube-system\\s+aws-load-balancer-controller-\\S+\\s+1/1\\s+Running"));
        skip.put("kubectl mtail app=deploy-websrv", Skip.showing("follows the echo pods' logs until Ctrl-C",
                "kubectl logs -l app=deploy-websrv --prefix", "kops-ec2", "\\[pod/deploy-echo-\\S+/\\S+\\] \\S+ - - \\[[^]]+\\] \"GET / HTTP/1\\.1\" 200 "));
        // IP targets without PROXY protocol: the pod sees one of the NLB's own private addresses (printed after the reply)
        String nlbAddresses = "; aws elbv2 describe-load-balancers --query 'LoadBalancers[].AvailabilityZones[].LoadBalancerAddresses[].PrivateIPv4Address' --output text";
        String sawTheNlb = "Hostname: deploy-echo-\\S+\\s+client_address=(\\d+\\.\\d+\\.\\d+\\.\\d+)\\s[\\s\\S]*\\b\\1\\b";
        skip.put("while true; do curl -s --connect-timeout 1 $NLB | egrep 'Hostname|client_address'; echo \"----------\" ; date \"+%Y-%m-%d %H:%M:%S\" ; sleep 1; done",
                Skip.showing("requests once a second until Ctrl-C; one pass is checked",
                        "curl -s --connect-timeout 1 $NLB | egrep 'Hostname|client_address'" + nlbAddresses, "kops-ec2", sawTheNlb));
        skip.put("watch -d kubectl get pod -A", Skip.showing("`watch` redraws until Ctrl-C; it shows coredns down to one pod and no autoscaler",
                "kubectl get deploy -n kube-system", "kops-ec2", "^(?![\\s\\S]*coredns-autoscaler)[\\s\\S]*\\ncoredns\\s+1/1\\s"));
        skip.put("kubectl logs -n kube-system -f $(kubectl get po -n kube-system | egrep -o 'external-dns[A-Za-z0-9-]+')",
                Skip.showing("follows the log until Ctrl-C; the same log without -f",
                        "kubectl logs -n kube-system $(kubectl get po -n kube-system | egrep -o 'external-dns[A-Za-z0-9-]+')", "kops-ec2",
                        "All records are already up to date"));
        skip.put("while true; do curl -s --connect-timeout 1 $MyDOMAIN1 | egrep 'Hostname|client_address'; echo \"----------\" ; date \"+%Y-%m-%d %H:%M:%S\" ; sleep 1; done",
                Skip.showing("requests once a second until Ctrl-C; one pass is checked",
                        "curl -s --connect-timeout 1 $MyDOMAIN1 | egrep 'Hostname|client_address'" + nlbAddresses, "kops-ec2", sawTheNlb));
        skip.put("watch -d kubectl get svc,ep", Skip.showing("`watch` redraws until Ctrl-C; it shows the NLB's name and both ports",
                "kubectl get svc,ep", "kops-ec2",
                "svc-nlb-ip-type\\s+LoadBalancer\\s+\\S+\\s+k8s-default-svcnlbip-[0-9a-f]{10}-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com\\s+80:\\d+/TCP,443:\\d+/TCP"));
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
    void sections123And21To28WithHomeworkPassStepByStepOnTheLocalLab() throws Exception {
        Lab week2 = engine.lab();
        long walkStart = System.nanoTime();
        for (String sectionId : SECTIONS) {
            Section section = week2.sections().stream().filter(s -> s.id().equals(sectionId)).findFirst()
                    .orElseThrow(() -> new AssertionError("the lab has no section " + sectionId));
            long sectionStart = System.nanoTime();
            for (Step step : section.steps()) {
                if (!step.appliesTo(Backend.LOCAL)) {
                    skipped.add(step.id() + " (AWS only)");
                } else if (SKIPPED_STEPS.containsKey(step.id())) {
                    skipped.add(step.id() + " (" + SKIPPED_STEPS.get(step.id()) + ")");
                } else {
                    long stepStart = System.nanoTime();
                    walk(step);
                    stepSeconds.put(step.id(), (System.nanoTime() - stepStart) / 1e9);
                }
            }
            sectionSeconds.put(sectionId, (System.nanoTime() - sectionStart) / 1e9);
        }
        System.out.printf("WALK %.1f s by section: %s%nslowest steps: %s%n", (System.nanoTime() - walkStart) / 1e9,
                rounded(sectionSeconds), rounded(slowest(stepSeconds, 12)));
        System.out.println("walked " + walked.size() + " steps: " + walked + "\nskipped: " + skipped + "\ncommands sent: "
                + commandsSent + ", checks passed: " + checksPassed + ", never-ending commands checked on what they show: "
                + standInsPassed + ", checks that passed only after a retry: " + retried);
        assertThat(failures).as("what failed while walking sections " + SECTIONS).isEmpty();
        for (String stepId : walked) {
            if (!week2.step(stepId).orElseThrow().checks().isEmpty()) {
                assertThat(engine.status(stepId)).as("wizard status of " + stepId).isEqualTo(StepStatus.CHECK_PASSED);
            }
        }
        int checksWalked = walked.stream().mapToInt(id -> week2.step(id).orElseThrow().checks().size()).sum();
        assertThat(checksPassed).as("checks passed (of the walked steps' checks, exclusions aside)")
                .isEqualTo(checksWalked - EXCLUDED_CHECKS.size()).isGreaterThanOrEqualTo(40);
        assertThat(walked).as("steps walked").contains("s22-netshoot", "s22-nsenter", "s23-ping", "s23-rules",
                "hw1-tcpdump", "s24-traffic-aws", "s24-traffic-local", "s24-public-ip", "s24-conntrack", "s24-cleanup",
                "s123-validate", "s123-kops-info", "s123-ec2", "s123-zone", "s123-records", "s21-cni-info-local",
                "s26-addon", "s26-local-clusterip", "s26-local-nodeport", "s26-curl", "s26-target-health", "s26-scale",
                "s27-install", "s27-annotate", "hw3-domain", "hw3-cleanup", "hw4-intro", "hw4-create", "hw4-test",
                "s28-instance-mode", "s28-instance-curl", "s28-ppv2", "s28-ppv2-curl", "s28-ppv2-cleanup");
        assertThat(skipped).as("the 2.6–2.8 steps left out").filteredOn(s -> s.startsWith("s28-") || s.startsWith("s26-")
                || s.startsWith("s27-") || s.startsWith("hw3-") || s.startsWith("hw4-"))
                .containsExactlyInAnyOrder("s28-private (AWS only)");
    }

    private void walk(Step step) throws InterruptedException {
        walked.add(step.id());
        engine.startStep(step.id()).forEach(problem -> failures.add(step.id() + ": " + problem));
        StandIn before = WAIT_BEFORE.get(step.id());
        if (before != null) {
            checkStandIn(step, "(waiting before " + step.id() + ")", before);
        }
        Map<String, StandIn> standIns = new LinkedHashMap<>();
        for (Action action : step.actions()) {
            if (action instanceof Action.Run run) {
                Skip skip = SKIPPED_COMMANDS.get(run.command());
                if (skip != null) {
                    skip.standIn().ifPresent(standIn -> standIns.put(run.command(), standIn));
                    continue;
                }
                String editor = EDITS.get(run.command());
                send(step, editor == null ? run.command() : "EDITOR=" + editorScript(editor) + " " + run.command(), run.on());
                StandIn converged = WAIT_AFTER.get(run.command());
                if (converged != null) {
                    checkStandIn(step, run.command(), converged);
                }
            } else if (action instanceof Action.Apply apply) {
                // what the wizard types for an apply action, here into kops-ec2 where the study runs kubectl
                send(step, "kubectl apply -f " + shellQuote(assets.resolve(apply.manifest()).toString()), new Target("kops-ec2"));
            }
            // watch: and note: actions only change what the wizard shows
        }
        // a screen left open (watch, log follow) shows the state the step's commands lead to: read it once they ran
        standIns.forEach((command, standIn) -> checkStandIn(step, command, standIn));
        captureUntilFound(step);
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

    /** Captures read converging state too (an NLB's name appears once it is provisioned), so they are tried again. */
    private void captureUntilFound(Step step) throws InterruptedException {
        List<CaptureOutcome> outcomes = engine.runCaptures(step.id());
        for (int attempt = 1; attempt < CHECK_ATTEMPTS && outcomes.stream().anyMatch(o -> o instanceof CaptureOutcome.NotCaptured); attempt++) {
            Thread.sleep(CHECK_PAUSE_MS);
            outcomes = engine.runCaptures(step.id());
            if (outcomes.stream().noneMatch(o -> o instanceof CaptureOutcome.NotCaptured)) {
                retried.add(step.id() + " captures after " + attempt + " retries");
            }
        }
        for (CaptureOutcome outcome : outcomes) {
            if (outcome instanceof CaptureOutcome.NotCaptured not) {
                failures.add(step.id() + ": capture " + not.variable() + " failed: " + not.why());
            }
        }
    }

    /** A never-ending command's one-shot stand-in, run until its output shows what the screen would have shown. */
    private void checkStandIn(Step step, String skippedCommand, StandIn standIn) {
        Substitution substituted = engine.substitute(standIn.command());
        if (substituted instanceof Substitution.Missing missing) {
            failures.add(step.id() + ": stand-in for `" + skippedCommand + "`: " + missing.message());
            return;
        }
        String text = ((Substitution.Done) substituted).text();
        String last = "";
        for (int attempt = 0; attempt < CHECK_ATTEMPTS; attempt++) {
            commandsSent++;
            PortResult result = port.run(standIn.on(), text, COMMAND_TIMEOUT);
            last = result instanceof PortResult.Ran ran ? ran.stdout() + ran.stderr() : ((PortResult.NotRun) result).why();
            if (result instanceof PortResult.Ran && standIn.shows().matcher(last).find()) {
                standInsPassed++;
                if (attempt > 0) {
                    retried.add(step.id() + " `" + standIn.command() + "` after " + attempt + " retries");
                }
                return;
            }
            try {
                Thread.sleep(CHECK_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failures.add(step.id() + ": `" + text + "` (for `" + skippedCommand + "`) never showed /" + standIn.shows() + "/; last output:\n" + last);
    }

    /** Writes the edit as an executable $EDITOR script the kops client runs on kops-ec2 (same file system as the test). */
    private String editorScript(String edit) {
        try {
            Path script = tempDir.resolve("editor-" + Integer.toHexString(edit.hashCode()) + ".sh");
            Files.writeString(script, "#!/bin/sh\n" + edit + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Double> slowest(Map<String, Double> seconds, int n) {
        Map<String, Double> top = new LinkedHashMap<>();
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static String rounded(Map<String, Double> seconds) {
        StringBuilder out = new StringBuilder();
        seconds.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.1f", v)));
        return out.toString();
    }

    /** A check of a step whose text says to wait ({@link #CONVERGING_CHECKS}) is tried again after a pause; others once. */
    private CheckOutcome checkUntilPassed(Step step, int index) throws InterruptedException {
        CheckOutcome outcome = engine.runCheck(step.id(), index);
        int attempts = CONVERGING_CHECKS.containsKey(step.id()) ? CHECK_ATTEMPTS : 1;
        for (int attempt = 1; attempt < attempts && !outcome.passed(); attempt++) {
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
        // typed once: where the study tells the learner to wait (WAIT_AFTER, WAIT_BEFORE), the walk has waited for
        // what the lab shows; a command that fails after that is a lab that showed a state before it was true
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
