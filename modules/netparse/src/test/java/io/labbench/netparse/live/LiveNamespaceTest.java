package io.labbench.netparse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.netparse.ConntrackResult;
import io.labbench.netparse.IpAddrResult;
import io.labbench.netparse.IpLinkResult;
import io.labbench.netparse.IpRuleResult;
import io.labbench.netparse.IptablesListResult;
import io.labbench.netparse.IptablesRulesResult;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.RouteResult;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.Link;
import io.labbench.netparse.model.SavedRule;
import io.labbench.netparse.snapshot.CounterDelta;
import io.labbench.netparse.snapshot.RowChange;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Builds a node and a pod network namespace wired like the VPC CNI (eni veth, /32 host route, ip rules,
 * an AWS-SNAT-CHAIN-0), sends traffic, runs this machine's real {@code ip}, {@code route}, {@code iptables},
 * {@code iptables-save} and {@code conntrack}, and checks the parsers read back what was configured.
 * Needs root (network namespaces); skipped with a message otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveNamespaceTest {
    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final String node = "lbtn" + suffix;
    private final String pod = "lbtp" + suffix;
    private final String eni = "lbte" + suffix;
    private static final String NODE_IP = "172.30.46.72";
    private static final String POD_IP = "172.30.46.80";
    private boolean created;

    @BeforeAll
    void buildNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "LiveNamespaceTest needs root to create network namespaces; run the tests as root to include it");
        for (String tool : List.of("ip", "iptables", "iptables-save", "conntrack", "ping")) {
            assumeTrue(run(List.of("sh", "-c", "command -v " + tool)).exit == 0,
                    tool + " is not installed; apt-get install iproute2 iptables conntrack iputils-ping");
        }
        created = true;
        ok("ip", "netns", "add", node);
        ok("ip", "netns", "add", pod);
        ok("ip", "-n", node, "link", "set", "lo", "up");
        ok("ip", "-n", pod, "link", "set", "lo", "up");
        ok("ip", "link", "add", eni, "netns", node, "type", "veth", "peer", "name", "eth0", "netns", pod);
        ok("ip", "-n", node, "addr", "add", NODE_IP + "/32", "dev", eni);
        ok("ip", "-n", node, "link", "set", eni, "mtu", "9001", "up");
        ok("ip", "-n", pod, "link", "set", "eth0", "mtu", "9001", "up");
        ok("ip", "-n", pod, "addr", "add", POD_IP + "/32", "dev", "eth0");
        ok("ip", "-n", pod, "route", "add", NODE_IP, "dev", "eth0", "scope", "link");
        ok("ip", "-n", node, "route", "add", POD_IP, "dev", eni, "scope", "link");
        ok("ip", "-n", node, "rule", "add", "to", POD_IP, "lookup", "main", "prio", "512");
        ok("ip", "-n", node, "rule", "add", "fwmark", "0x80/0x80", "lookup", "main", "prio", "1024");
        inNode("iptables", "-t", "nat", "-N", "AWS-SNAT-CHAIN-0");
        inNode("iptables", "-t", "nat", "-A", "POSTROUTING", "-m", "comment", "--comment", "AWS SNAT CHAIN",
                "-j", "AWS-SNAT-CHAIN-0");
        inNode("iptables", "-t", "nat", "-A", "AWS-SNAT-CHAIN-0", "!", "-d", "172.30.0.0/16", "-m", "comment",
                "--comment", "AWS SNAT CHAIN", "-j", "SNAT", "--to-source", NODE_IP, "--random-fully");
        inNode("iptables", "-A", "OUTPUT", "-p", "icmp", "-d", POD_IP, "-j", "ACCEPT");
        ping(3);
    }

    @AfterAll
    void removeNamespaces() throws Exception {
        if (created) {
            run(List.of("ip", "netns", "del", node));
            run(List.of("ip", "netns", "del", pod));
        }
    }

    @Test
    @Order(1)
    void linksAndAddresses() throws Exception {
        for (List<String> flags : List.of(List.<String>of(), List.of("-o"), List.of("-d"), List.of("-j"), List.of("-br"))) {
            IpLinkResult links = (IpLinkResult) parse(ParserKind.AUTO, ipCommand(flags, "link"));
            assertThat(links.links()).extracting(Link::name).as("ip %s link", flags).containsExactly("lo", eni);
            Link veth = links.links().get(1);
            assertThat(veth.state()).isEqualTo("UP");
            if (!flags.contains("-br")) {
                assertThat(veth.mtu()).isEqualTo(OptionalInt.of(9001));
            }
            assertThat(veth.peer()).startsWith("if");
        }
        for (List<String> flags : List.of(List.<String>of(), List.of("-o"), List.of("-j"), List.of("-br"))) {
            IpAddrResult addrs = (IpAddrResult) parse(ParserKind.IP_ADDR, ipCommand(flags, "addr"));
            assertThat(addrs.interfaces().get(1).addresses()).extracting(a -> a.cidr()).as("ip %s addr", flags)
                    .contains(NODE_IP + "/32");
        }
    }

    @Test
    @Order(2)
    void routesAndRules() throws Exception {
        for (List<String> flags : List.of(List.<String>of(), List.of("-j"))) {
            RouteResult routes = (RouteResult) parse(ParserKind.IP_ROUTE, ipCommand(flags, "route"));
            assertThat(routes.routes()).extracting(r -> r.destination() + " " + r.dev() + " " + r.scope())
                    .as("ip %s route", flags).containsExactly(POD_IP + " " + eni + " link");
        }
        RouteResult all = (RouteResult) parse(ParserKind.IP_ROUTE, inNode("ip", "route", "show", "table", "all"));
        assertThat(all.routes()).anySatisfy(r -> {
            assertThat(r.type()).isEqualTo("local");
            assertThat(r.table()).isEqualTo("local");
            assertThat(r.destination()).isEqualTo(NODE_IP);
        });
        RouteResult netTools = (RouteResult) parse(ParserKind.ROUTE_N, inNode("sh", "-c", "command -v route >/dev/null && route -n || true"));
        if (!netTools.routes().isEmpty()) {
            assertThat(netTools.routes()).extracting(r -> r.destination() + " " + r.dev()).containsExactly(POD_IP + " " + eni);
        }
        for (List<String> flags : List.of(List.<String>of(), List.of("-j"))) {
            IpRuleResult rules = (IpRuleResult) parse(ParserKind.IP_RULE, ipCommand(flags, "rule"));
            assertThat(rules.rules()).extracting(r -> r.priority().getAsLong() + " " + r.to() + r.fwmark() + " " + r.table())
                    .as("ip %s rule", flags)
                    .contains("512 " + POD_IP + " main", "1024 0x80/0x80 main", "32766  main");
        }
    }

    @Test
    @Order(3)
    void iptablesCountersMoveAndResetBetweenListings() throws Exception {
        Instant t0 = Instant.now();
        String first = inNode("iptables", "-L", "OUTPUT", "-n", "-v", "-x", "--line-numbers");
        IptablesListResult before = (IptablesListResult) parse(ParserKind.IPTABLES_LIST, first);
        IptablesRule icmp = before.tables().get(0).chains().get(0).rules().get(0);
        assertThat(icmp.target()).isEqualTo("ACCEPT");
        assertThat(icmp.destination()).isEqualTo(POD_IP);
        assertThat(icmp.packets().getAsLong()).isGreaterThanOrEqualTo(3);
        ping(4);
        IptablesListResult after = (IptablesListResult) parse(ParserKind.IPTABLES_LIST,
                inNode("iptables", "-L", "OUTPUT", "-n", "-v", "-x", "--line-numbers"));
        SnapshotDiff grew = SnapshotDiffer.diff(before.toSnapshot(t0), after.toSnapshot(t0.plusSeconds(2)));
        RowChange change = grew.changed().stream().filter(c -> c.key().contains(POD_IP)).findFirst().orElseThrow();
        assertThat(change.counters()).extracting(CounterDelta::column).containsExactly("packets", "bytes");
        assertThat(change.counters().get(0).delta()).isGreaterThanOrEqualTo(4);
        assertThat(change.counters().get(0).reset()).isFalse();
        inNode("iptables", "-Z", "OUTPUT");
        IptablesListResult zeroed = (IptablesListResult) parse(ParserKind.IPTABLES_LIST,
                inNode("iptables", "-L", "OUTPUT", "-n", "-v", "-x"));
        SnapshotDiff reset = SnapshotDiffer.diff(after.toSnapshot(t0), zeroed.toSnapshot(t0.plusSeconds(4)));
        assertThat(reset.changed()).filteredOn(c -> c.key().contains(POD_IP)).singleElement()
                .satisfies(c -> assertThat(c.counters().get(0).reset()).isTrue());
        IptablesListResult suffixed = (IptablesListResult) parse(ParserKind.IPTABLES_LIST, inNode("iptables", "-t", "nat", "-L", "-n", "-v"));
        assertThat(suffixed.tables().get(0).name()).isEqualTo("nat");
        assertThat(suffixed.tables().get(0).chains()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("AWS-SNAT-CHAIN-0");
            assertThat(c.rules().get(0).comment()).isEqualTo("AWS SNAT CHAIN");
            assertThat(c.rules().get(0).extra()).contains("to:" + NODE_IP).contains("random-fully");
        });
    }

    @Test
    @Order(4)
    void iptablesSaveAndRuleSpecs() throws Exception {
        IptablesRulesResult saved = (IptablesRulesResult) parse(ParserKind.AUTO, inNode("iptables-save", "-c"));
        SavedRule snat = saved.tables().stream().filter(t -> t.name().equals("nat")).findFirst().orElseThrow()
                .rules().stream().filter(r -> r.chain().equals("AWS-SNAT-CHAIN-0")).findFirst().orElseThrow();
        assertThat(snat.target()).isEqualTo("SNAT");
        assertThat(snat.comment()).isEqualTo("AWS SNAT CHAIN");
        assertThat(snat.packets()).isPresent();
        IptablesRulesResult listed = (IptablesRulesResult) parse(ParserKind.IPTABLES_RULES, inNode("iptables", "-t", "nat", "-S"));
        assertThat(listed.tables().get(0).name()).isEqualTo("nat");
        assertThat(listed.tables().get(0).rules()).extracting(SavedRule::spec).contains(snat.spec());
    }

    @Test
    @Order(5)
    void conntrackShowsThePings() throws Exception {
        ping(1);
        ConntrackResult ct = (ConntrackResult) parse(ParserKind.AUTO, inNode("conntrack", "-L"));
        ConntrackEntry echo = ct.entries().stream()
                .filter(e -> e.proto().equals("icmp") && e.original().dst().equals(POD_IP)).findFirst().orElseThrow();
        assertThat(echo.original().src()).isEqualTo(NODE_IP);
        assertThat(echo.original().type()).isEqualTo(OptionalInt.of(8));
        assertThat(echo.reply().src()).isEqualTo(POD_IP);
        assertThat(echo.timeout()).isPresent();
    }

    private ParseResult parse(ParserKind kind, String output) {
        ParseResult r = NetParsers.parse(kind, output);
        assertThat(r.diagnostics()).as("diagnostics reading:\n" + output).isEmpty();
        return r;
    }

    private String ipCommand(List<String> flags, String object) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", node));
        cmd.addAll(flags);
        cmd.add(object);
        return ok(cmd.toArray(String[]::new));
    }

    private void ping(int count) throws Exception {
        inNode("ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "5", POD_IP);
    }

    private String inNode(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", node));
        cmd.addAll(List.of(command));
        return ok(cmd.toArray(String[]::new));
    }

    private static String ok(String... command) throws Exception {
        Result r = run(List.of(command));
        if (r.exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // stderr is drained on its own thread so a chatty tool cannot block on a full pipe.
        java.util.concurrent.CompletableFuture<byte[]> errors = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        byte[] err = errors.join();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), p.exitValue() == 0 ? out : out + new String(err, StandardCharsets.UTF_8));
    }
}
