package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code labbench parse} as a script uses it: output on stdout, diagnostics on stderr, meaningful exit codes. */
class ParseCommandTest {
    /** {@code iptables -t nat -L -n -v} captured in a lab namespace (see netparse's captured/ goldens). */
    static final String NAT_LISTING = """
            Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
             pkts bytes target     prot opt in     out     source               destination
                1  1028 AWS-SNAT-CHAIN-0  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* AWS SNAT CHAIN */

            Chain AWS-SNAT-CHAIN-0 (1 references)
             pkts bytes target     prot opt in     out     source               destination
                0     0 SNAT       0    --  *      *       0.0.0.0/0           !172.30.0.0/16        /* AWS SNAT CHAIN */ ADDRTYPE match dst-type !LOCAL to:172.30.46.72 random-fully
            """;

    /** {@code iptables -t nat -L AWS-SNAT-CHAIN-0 -n -v -x}, captured (netparse's captured/ goldens): one user chain. */
    static final String SNAT_CHAIN = """
            Chain AWS-SNAT-CHAIN-0 (1 references)
                pkts      bytes target     prot opt in     out     source               destination
                   0        0 SNAT       0    --  *      *       0.0.0.0/0           !172.30.0.0/16        /* AWS SNAT CHAIN */ ADDRTYPE match dst-type !LOCAL to:172.30.46.72 random-fully
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LabBenchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void printsJsonWithKindDiagnosticsAndData() throws Exception {
        Path file = write("nat.txt", NAT_LISTING);
        Run r = run("parse", "iptables-list", file.toString(), "--json");
        assertThat(r.exit).isZero();
        assertThat(r.err).isEmpty();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("kind").asText()).isEqualTo("iptables-list");
        assertThat(json.get("diagnostics").size()).isZero();
        JsonNode chain = json.get("tables").get(0).get("chains").get(1);
        assertThat(chain.get("name").asText()).isEqualTo("AWS-SNAT-CHAIN-0");
        assertThat(chain.get("references").asInt()).isEqualTo(1);
        assertThat(chain.get("rules").get(0).get("target").asText()).isEqualTo("SNAT");
        assertThat(chain.get("rules").get(0).get("destination").asText()).isEqualTo("!172.30.0.0/16");
        assertThat(json.get("tables").get(0).get("name").asText()).isEqualTo("nat");
    }

    @Test
    void autoDetectsAndPrintsATable() throws Exception {
        Path file = write("rules.txt", "0:\tfrom all lookup local\n512:\tfrom all to 172.30.46.80 lookup main\n");
        Run r = run("parse", "auto", file.toString());
        assertThat(r.exit).isZero();
        assertThat(r.out).startsWith("# ip-rule: 2 rows, 0 diagnostics");
        assertThat(r.out.lines().filter(l -> l.startsWith("512")).findFirst().orElseThrow())
                .contains("from all to 172.30.46.80").contains("main");
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("default via 172.30.32.1 dev ens5 proto dhcp metric 100\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run r = run("parse", "ip-route", "-", "--json");
            assertThat(r.exit).isZero();
            JsonNode route = new ObjectMapper().readTree(r.out).get("routes").get(0);
            assertThat(route.get("via").asText()).isEqualTo("172.30.32.1");
            assertThat(route.get("metric").asInt()).isEqualTo(100);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void partlyReadableFileExitsZeroWithLineNumberedDiagnosticsOnStderr() throws Exception {
        Path file = write("links.txt", "2: ens5: <BROADCAST,UP> mtu 9001 qdisc mq state UP\nthis is not ip link\n");
        Run r = run("parse", "ip-link", file.toString(), "--json");
        assertThat(r.exit).isZero();
        assertThat(r.err).contains(file + ":2: cannot read 'this is not ip link'");
        assertThat(new ObjectMapper().readTree(r.out).get("diagnostics").get(0).get("line").asInt()).isEqualTo(2);
    }

    @Test
    void unreadableAsKindExitsOne() throws Exception {
        Path file = write("wrong.txt", NAT_LISTING);
        Run r = run("parse", "conntrack", file.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("nothing in " + file + " could be read as conntrack; the first line that does not fit is line 1: "
                + "cannot read 'Chain POSTROUTING");
    }

    @Test
    void missingFileOrUnknownKindExitsTwoWithAHint() {
        Run missing = run("parse", "ip-link", dir.resolve("nope.txt").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("nope.txt: not found");
        assertThat(missing.out).isEmpty();
        Run unknown = run("parse", "ip-links", "x");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("unknown KIND 'ip-links'").contains("ip-link, ip-addr");
        Run bare = run("parse");
        assertThat(bare.exit).isEqualTo(2);
    }

    @Test
    void diffShowsCounterDeltasAndRates() throws Exception {
        Path older = write("old.txt", NAT_LISTING);
        Path newer = write("new.txt", NAT_LISTING.replace("    0     0 SNAT", "   12   720 SNAT"));
        Instant t0 = Instant.parse("2026-01-24T23:06:00Z");
        Files.setLastModifiedTime(older, FileTime.from(t0));
        Files.setLastModifiedTime(newer, FileTime.from(t0.plusSeconds(4)));
        Run r = run("parse", "diff", "iptables-list", older.toString(), newer.toString(), "--json");
        assertThat(r.exit).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("intervalSeconds").asDouble()).isEqualTo(4.0);
        JsonNode changed = json.get("changed").get(0);
        assertThat(changed.get("key").asText()).startsWith("nat AWS-SNAT-CHAIN-0 SNAT");
        assertThat(changed.get("counters").get(0).get("delta").asLong()).isEqualTo(12);
        assertThat(changed.get("counters").get(0).get("ratePerSecond").asDouble()).isEqualTo(3.0);
        assertThat(changed.get("counters").get(1).get("delta").asLong()).isEqualTo(720);
        Run text = run("parse", "diff", "iptables-list", older.toString(), newer.toString());
        assertThat(text.out).contains("~ nat AWS-SNAT-CHAIN-0 SNAT").contains("packets: +12");
    }

    @Test
    void tableOptionNamesTheTableOfAListingOfOneUserChain() throws Exception {
        Path file = write("snat.txt", SNAT_CHAIN);
        Run plain = run("parse", "iptables-list", file.toString());
        assertThat(plain.exit).isZero();
        assertThat(plain.out.lines().filter(l -> l.contains("SNAT")).findFirst().orElseThrow()).startsWith("filter ");
        Run nat = run("parse", "iptables-list", file.toString(), "--table", "nat");
        assertThat(nat.exit).isZero();
        assertThat(nat.err).isEmpty();
        assertThat(nat.out.lines().filter(l -> l.contains("SNAT")).findFirst().orElseThrow())
                .startsWith("nat ").contains("AWS-SNAT-CHAIN-0");
        Run json = run("parse", "auto", file.toString(), "--table=nat", "--json");
        assertThat(new ObjectMapper().readTree(json.out).get("tables").get(0).get("name").asText()).isEqualTo("nat");
    }

    @Test
    void tableOptionReadsStandardInputAndDiffsToo() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("-N AWS-SNAT-CHAIN-0\n-A AWS-SNAT-CHAIN-0 ! -d 172.30.0.0/16 -j SNAT\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run r = run("parse", "iptables-rules", "-", "--table", "nat", "--json");
            assertThat(r.exit).isZero();
            assertThat(new ObjectMapper().readTree(r.out).get("tables").get(0).get("name").asText()).isEqualTo("nat");
        } finally {
            System.setIn(saved);
        }
        Path older = write("old.txt", SNAT_CHAIN);
        Path newer = write("new.txt", SNAT_CHAIN.replace("       0        0 SNAT", "      12      720 SNAT"));
        Run diff = run("parse", "diff", "iptables-list", older.toString(), newer.toString(), "--table", "nat");
        assertThat(diff.exit).isZero();
        assertThat(diff.out).contains("~ nat AWS-SNAT-CHAIN-0 SNAT").contains("packets: +12");
    }

    @Test
    void unknownTableExitsTwoWithTheTablesIptablesKnows() throws Exception {
        Path file = write("snat.txt", SNAT_CHAIN);
        Run r = run("parse", "iptables-list", file.toString(), "--table", "NAT");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains("unknown --table 'NAT'").contains("filter, nat, mangle, raw, security");
        Run diff = run("parse", "diff", "iptables-list", file.toString(), file.toString(), "--table", "nats");
        assertThat(diff.exit).isEqualTo(2);
        assertThat(diff.err).contains("unknown --table 'nats'");
    }

    @Test
    void unrelatedRealOutputExitsOneNamingTheLineThatDoesNotFit() throws Exception {
        // a kubectl describe node used to give two "routes" (its pods in the default namespace) and exit 0
        Path describe = write("describe.txt", fixture("kubectl-describe-node-k8s-docs.txt"));
        Run route = run("parse", "ip-route", describe.toString());
        assertThat(route.exit).isEqualTo(1);
        assertThat(route.out).isEmpty();
        assertThat(route.err.lines()).singleElement().asString()
                .contains("nothing in " + describe + " could be read as ip-route")
                .contains("line 1: cannot read 'Name:               kube-worker-1': expected a route");
        // an aws-node log: its JSON lines used to make an interface with no name
        Path log = write("aws-node.log", fixture("aws-node-ipamd-log-crash-vpccni-docs.txt"));
        Run link = run("parse", "ip-link", log.toString(), "--json");
        assertThat(link.exit).isEqualTo(1);
        assertThat(link.out).isEmpty();
        assertThat(link.err).contains("could be read as ip-link").contains("line 1: a JSON object without \"ifname\"");
        Run diff = run("parse", "diff", "ip-route", describe.toString(), describe.toString());
        assertThat(diff.exit).isEqualTo(1);
        assertThat(diff.err.lines()).hasSize(2);
    }

    @Test
    void realOutputWithAStrayLineStillParses() throws Exception {
        Path file = write("routes.txt", "$ ip route\ndefault via 172.30.32.1 dev ens5 proto dhcp metric 100\n"
                + "172.30.32.0/19 dev ens5 proto kernel scope link src 172.30.46.72\n");
        Run r = run("parse", "ip-route", file.toString());
        assertThat(r.exit).isZero();
        assertThat(r.err).contains(file + ":1: cannot read '$ ip route'");
        assertThat(r.out).startsWith("# ip-route: 2 rows, 1 diagnostics");
    }

    @Test
    void inputLargerThanTheCapIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.txt");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: 3 GB that take no disk
        }
        Run r = run("parse", "ip-link", huge.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).contains(huge + " is 3072 MB; parse reads at most 32 MB").contains("head -c");

        Run device = run("parse", "ip-link", "/dev/zero");
        assertThat(device.exit).isEqualTo(2);
        assertThat(device.err).contains("/dev/zero is larger than 32 MB");

        InputStream saved = System.in;
        try {
            System.setIn(new InputStream() { // a stream that never ends, as /dev/zero piped in
                @Override
                public int read() {
                    return 0;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    java.util.Arrays.fill(b, off, off + len, (byte) 0);
                    return len;
                }
            });
            Run stdin = run("parse", "ip-link", "-");
            assertThat(stdin.exit).isEqualTo(2);
            assertThat(stdin.err).contains("standard input is larger than 32 MB");
        } finally {
            System.setIn(saved);
        }
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = ParseCommandTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
