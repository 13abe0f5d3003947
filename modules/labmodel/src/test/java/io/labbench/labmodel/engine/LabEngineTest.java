package io.labbench.labmodel.engine;

import static io.labbench.labmodel.testing.BashCommandPort.must;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.labmodel.eval.CaptureOutcome;
import io.labbench.labmodel.eval.CheckOutcome;
import io.labbench.labmodel.eval.Substitution;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.testing.BashCommandPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against real commands: bash on this machine, and a network namespace standing in for
 * worker1 with an eni* link, a /32 route to a "pod" and an iptables chain whose counters real pings
 * raise.
 */
class LabEngineTest {
    static final String NS = "lbt" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    static final String LAB = """
            id: engine-lab
            version: 1
            title: {ko: "엔진", en: "Engine"}
            summary: {ko: "엔진 시험", en: "Engine test"}
            backends: [local]
            variables:
              - name: GREETING
                description: {ko: "인사", en: "greeting"}
                default: hello
              - name: POD1
                description: {ko: "파드 IP", en: "pod IP"}
            sections:
              - id: "2.2"
                title: {ko: "노드", en: "Node"}
                steps:
                  - id: capture
                    title: {ko: "캡처", en: "Capture"}
                    body: {ko: "본문", en: "Body"}
                    actions:
                      - run: "echo $GREETING from $POD1"
                        on: local
                    captures:
                      - name: POD1
                        from: {run: "ip -4 -o addr show dev eni1a2b3c", on: worker1}
                        regex: "inet (?<value>[0-9.]+)/"
                      - name: PHASE
                        from: {run: "printf '{\\"status\\":{\\"phase\\":\\"Running\\",\\"ips\\":[{\\"ip\\":\\"10.0.1.9\\"}]}}'", on: local}
                        jsonPath: "$.status.ips[0].ip"
                      - name: NODE
                        from: {run: "printf 'NAME    READY   STATUS    NODE\\\\npod-1   1/1     Running   worker1\\\\npod-2   1/1     Running   worker2\\\\n'", on: kubectl}
                        table: {parser: kubectl-table, row: {NAME: pod-2}, column: NODE}
                    checks:
                      - name: {ko: "인사", en: "greeting"}
                        run: "echo $GREETING"
                        on: local
                        expect: {equals: "hello"}
                      - name: {ko: "경로", en: "route to pod"}
                        parsed:
                          parser: ip-route
                          run: "ip route"
                          on: worker1
                          assert: {rowMatches: {destination: "$POD1(/32)?", dev: "eni.*"}}
              - id: "2.4"
                title: {ko: "SNAT", en: "SNAT"}
                steps:
                  - id: counters
                    title: {ko: "카운터", en: "Counters"}
                    body: {ko: "본문", en: "Body"}
                    actions:
                      - run: "ping -c 2 -i 0.2 127.0.0.1"
                        on: worker1
                    checks:
                      - name: {ko: "패킷 증가", en: "packets went up"}
                        parsed:
                          parser: iptables-list
                          run: "iptables -L LBT-SNAT -n -v -x"
                          on: worker1
                          assert: {counterIncreased: {chain: LBT-SNAT, column: packets}}
                      - name: {ko: "파드 수", en: "pods running"}
                        parsed:
                          parser: kubectl-table
                          run: "printf 'NAME    STATUS\\\\na   Pending\\\\nb   Pending\\\\nc   Running\\\\n'"
                          on: kubectl
                          assert: {rowCount: {where: {status: Pending}, equals: 2}}
                      - name: {ko: "JSON", en: "JSON"}
                        run: "printf '{\\"items\\":[{\\"n\\":\\"a\\"},{\\"n\\":\\"b\\"}]}'"
                        on: local
                        expect: {jsonPath: "$.items[-1].n", equals: "b"}
                      - name: {ko: "nat 체인", en: "nat chain"}
                        parsed:
                          parser: iptables-list
                          run: "iptables -t nat -L LBT-NAT-SNAT -n -v -x"
                          on: worker1
                          assert: {rowMatches: {table: nat, chain: LBT-NAT-SNAT}}
            """;

    @TempDir
    Path workspace;
    BashCommandPort port;
    Lab lab;

    @BeforeAll
    static void createWorker() throws Exception {
        must("ip", "netns", "add", NS);
        must("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
        must("ip", "netns", "exec", NS, "ip", "link", "add", "eni1a2b3c", "type", "veth", "peer", "name", "lbtpeer");
        must("ip", "netns", "exec", NS, "ip", "link", "set", "lbtpeer", "up");
        must("ip", "netns", "exec", NS, "ip", "addr", "add", "10.0.1.7/24", "dev", "eni1a2b3c");
        must("ip", "netns", "exec", NS, "ip", "link", "set", "eni1a2b3c", "up");
        must("ip", "netns", "exec", NS, "iptables", "-N", "LBT-SNAT");
        must("ip", "netns", "exec", NS, "iptables", "-A", "OUTPUT", "-j", "LBT-SNAT");
        must("ip", "netns", "exec", NS, "iptables", "-A", "LBT-SNAT", "-p", "icmp", "-j", "ACCEPT");
        // a user chain in nat: its listing names no table, the command does
        must("ip", "netns", "exec", NS, "iptables", "-t", "nat", "-N", "LBT-NAT-SNAT");
        must("ip", "netns", "exec", NS, "iptables", "-t", "nat", "-A", "POSTROUTING", "-j", "LBT-NAT-SNAT");
        must("ip", "netns", "exec", NS, "iptables", "-t", "nat", "-A", "LBT-NAT-SNAT", "-p", "icmp", "-j", "RETURN");
    }

    @AfterAll
    static void deleteWorker() throws Exception {
        must("ip", "netns", "del", NS);
    }

    @BeforeEach
    void setUp() {
        LoadResult result = new LabLoader().load("engine-lab.yaml", LAB, Optional.empty());
        assertThat(result.errors()).isEmpty();
        lab = result.lab().orElseThrow();
        port = new BashCommandPort(Map.of("worker1", NS));
    }

    private LabEngine engine() {
        return new LabEngine(lab, port, new NetparseOutputParser(), new ProgressStore(workspace), Duration.ofSeconds(60),
                Clock.systemUTC());
    }

    @Test
    void substitutesOnlyTheLabsVariablesAndNamesMissingOnes() {
        LabEngine engine = engine();

        assertThat(engine.substitute("echo $GREETING $HOME ${GREETING}x")).isEqualTo(new Substitution.Done("echo hello $HOME hellox"));
        assertThat(engine.substitute("ping $POD1")).isInstanceOfSatisfying(Substitution.Missing.class,
                m -> assertThat(m.message()).contains("$POD1"));
    }

    @Test
    void capturesByRegexJsonPathAndParsedTableAndUsesThemInChecks() throws Exception {
        LabEngine engine = engine();

        CheckOutcome before = engine.runCheck("capture", 1);
        assertThat(before.passed()).isFalse();
        assertThat(before.why()).contains("$POD1");

        List<CaptureOutcome> outcomes = engine.runCaptures("capture");

        assertThat(outcomes).containsExactly(
                new CaptureOutcome.Captured("POD1", "10.0.1.7"),
                new CaptureOutcome.Captured("PHASE", "10.0.1.9"),
                new CaptureOutcome.Captured("NODE", "worker2"));
        assertThat(engine.variables()).containsEntry("POD1", "10.0.1.7").containsEntry("NODE", "worker2");
        assertThat(engine.substitute("echo $GREETING from $POD1")).isEqualTo(new Substitution.Done("echo hello from 10.0.1.7"));

        // The route check fails while worker1 has no /32 route to the pod via an eni link, passes once it has.
        CheckOutcome noRoute = engine.runCheck("capture", 1);
        assertThat(noRoute.passed()).isFalse();
        assertThat(noRoute.why()).contains("no row has");
        must("ip", "netns", "exec", NS, "ip", "route", "add", "10.0.1.7/32", "dev", "eni1a2b3c", "table", "main", "metric", "5");
        try {
            List<CheckOutcome> checks = engine.runChecks("capture");
            assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.why()).isTrue());
            assertThat(checks.get(1).why()).contains("dev=eni1a2b3c");
            assertThat(engine.status("capture")).isEqualTo(StepStatus.CHECK_PASSED);
        } finally {
            must("ip", "netns", "exec", NS, "ip", "route", "del", "10.0.1.7/32", "dev", "eni1a2b3c", "metric", "5");
        }
    }

    @Test
    void equalsCheckFailsWithWhyWhenTheOutputDiffers() {
        LabEngine engine = engine();
        engine.setVariable("GREETING", "bonjour");

        CheckOutcome outcome = engine.runCheck("capture", 0);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.why()).isEqualTo("expected \"hello\", got \"bonjour\"");
        assertThat(engine.status("capture")).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void captureThatFindsNothingSaysWhyAndLeavesTheVariable() {
        LabEngine engine = engine();
        engine.setVariable("POD1", "10.9.9.9");
        BashCommandPort offline = new BashCommandPort(Map.of());
        LabEngine disconnected = new LabEngine(lab, offline, new NetparseOutputParser(), new ProgressStore(workspace),
                Duration.ofSeconds(60), Clock.systemUTC());

        CaptureOutcome outcome = disconnected.runCaptures("capture").get(0);

        assertThat(outcome).isInstanceOfSatisfying(CaptureOutcome.NotCaptured.class,
                n -> assertThat(n.why()).contains("worker1 is not connected"));
        assertThat(disconnected.variables()).containsEntry("POD1", "10.9.9.9");
    }

    @Test
    void counterIncreasedComparesWithTheBaselineTakenWhenTheStepStarted() {
        LabEngine engine = engine();
        assertThat(engine.startStep("counters")).isEmpty();
        assertThat(engine.progress("counters").baselines()).containsKey(0);

        CheckOutcome idle = engine.runCheck("counters", 0);
        assertThat(idle.passed()).as(idle.why()).isFalse();
        assertThat(idle.why()).contains("still");

        assertThat(port.run(new io.labbench.labmodel.model.Target("worker1"), "ping -c 2 -i 0.2 127.0.0.1", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(PortResult.Ran.class, r -> assertThat(r.exitCode()).isZero());
        CheckOutcome afterPing = engine.runCheck("counters", 0);

        assertThat(afterPing.passed()).as(afterPing.why()).isTrue();
        assertThat(afterPing.why()).matches("packets went from \\d+ to \\d+ \\(\\+[1-9]\\d*\\)");
    }

    @Test
    void rowCountAndJsonPathChecks() {
        LabEngine engine = engine();

        assertThat(engine.runCheck("counters", 1)).isEqualTo(CheckOutcome.pass("2 rows with status=Pending"));
        assertThat(engine.runCheck("counters", 2)).isEqualTo(CheckOutcome.pass("$.items[-1].n is \"b\""));
    }

    @Test
    void aNatUserChainIsJudgedAsNatBecauseTheCheckCommandSaysSo() {
        CheckOutcome nat = engine().runCheck("counters", 3);

        assertThat(nat.passed()).as(nat.why()).isTrue();
    }

    @Test
    void progressIsSavedAtomicallyAndRestoredByANewEngine() throws Exception {
        LabEngine first = engine();
        first.startStep("counters");
        first.setVariable("POD1", "10.0.1.7");
        first.runCheck("capture", 0);
        first.skip("counters");
        long baseline = first.progress("counters").baselines().get(0);

        LabEngine second = engine();

        assertThat(second.loadProblem()).isEmpty();
        assertThat(second.variables()).containsEntry("POD1", "10.0.1.7").containsEntry("GREETING", "hello");
        assertThat(second.progress("capture").check(0)).hasValueSatisfying(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.why()).isEqualTo("output is \"hello\"");
        });
        assertThat(second.status("counters")).isEqualTo(StepStatus.SKIPPED);
        assertThat(second.progress("counters").baselines()).containsEntry(0, baseline);
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("progress.json");
        }
    }

    @Test
    void resettingASectionForgetsItsStepsAndCapturesButNotOtherSections() {
        LabEngine engine = engine();
        engine.runCaptures("capture");
        engine.runCheck("capture", 0);
        engine.markDone("counters");

        engine.resetSection("2.2");

        assertThat(engine.status("capture")).isEqualTo(StepStatus.NOT_STARTED);
        assertThat(engine.progress("capture").checks()).isEmpty();
        assertThat(engine.variables()).containsEntry("POD1", "").containsEntry("NODE", "").containsEntry("GREETING", "hello");
        assertThat(engine.status("counters")).isEqualTo(StepStatus.DONE);
        assertThat(engine().status("capture")).isEqualTo(StepStatus.NOT_STARTED);
    }

    @Test
    void damagedProgressFileIsReportedAndReplaced() throws Exception {
        Files.writeString(workspace.resolve("progress.json"), "{not json");

        LabEngine engine = engine();

        assertThat(engine.loadProblem()).hasValueSatisfying(p -> assertThat(p).contains("progress.json").contains("afresh")
                .contains("progress.damaged-"));
        engine.markDone("capture");
        assertThat(engine().status("capture")).isEqualTo(StepStatus.DONE);
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("progress.damaged-")))
                    .singleElement().satisfies(aside -> assertThat(Files.readString(aside)).isEqualTo("{not json"));
        }
    }
}
