package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.model.IptablesRule;
import io.labbench.netparse.model.Link;
import org.junit.jupiter.api.Test;

/**
 * What real terminals and people do to output: colour codes, CRLF, trailing blanks, lines cut by
 * {@code head}, comments typed in, garbage. The parser keeps what it understood and says, by line, what not.
 */
class MessyInputTest {

    @Test
    void colourCodesOfIpCAreIgnored() {
        String colour = Resources.text("captured/ip-c-link.txt");
        assertThat(colour).contains("\u001b[");
        IpLinkResult r = (IpLinkResult) NetParsers.parse(ParserKind.IP_LINK, colour);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.links()).extracting(Link::name).containsExactly("lo", "ens5", "eni5e7e4a0a4d8");
        assertThat(r.links().get(1).mac()).isEqualTo("8e:70:6b:82:59:58");
    }

    @Test
    void crlfAndTrailingBlanksChangeNothing() {
        String unix = Resources.text("captured/iptables-L-n-v.txt");
        String dos = unix.replace("\n", "   \r\n");
        ParseResult a = NetParsers.parse(ParserKind.IPTABLES_LIST, unix);
        ParseResult b = NetParsers.parse(ParserKind.IPTABLES_LIST, dos);
        assertThat(b.diagnostics()).isEmpty();
        assertThat(b).isEqualTo(a);
    }

    @Test
    void lineCutShortIsReportedWithItsNumberAndTheRestIsKept() {
        String full = Resources.text("captured/iptables-L-n-v.txt");
        // Cut in the middle of the rule on line 4 ("    4   222 ACCEPT     6    --  *") as a dropped connection would.
        String[] lines = full.split("\n", -1);
        lines[3] = lines[3].substring(0, 30);
        IptablesListResult r = (IptablesListResult) NetParsers.parse(ParserKind.IPTABLES_LIST, String.join("\n", lines));
        assertThat(r.diagnostics()).hasSize(1);
        assertThat(r.diagnostics().get(0).line()).isEqualTo(4);
        assertThat(r.diagnostics().get(0).message()).contains("expected a rule line");
        assertThat(r.tables().get(0).chains().get(0).rules()).extracting(IptablesRule::target)
                .containsExactly("ACCEPT", "ACCEPT");
        assertThat(r.tables().get(0).chains().get(2).rules()).hasSize(1);
    }

    @Test
    void headCutsIpJsonMidObjectAndEarlierObjectsSurvive() {
        String json = Resources.text("captured/ip-j-link.json");
        int cut = json.indexOf("\"ifname\":\"eni5e7e4a0a4d8\"");
        IpLinkResult r = (IpLinkResult) NetParsers.parse(ParserKind.IP_LINK, json.substring(0, cut));
        assertThat(r.links()).extracting(Link::name).containsExactly("lo", "ens5");
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("JSON"));
    }

    @Test
    void commentsAPersonAddedAreReportedNotFatal() {
        String text = "# worker1, after creating pod-1\n" + Resources.text("captured/ip-rule.txt")
                + "   <- this one is the pod route\n";
        IpRuleResult r = (IpRuleResult) NetParsers.parse(ParserKind.IP_RULE, text);
        assertThat(r.rules()).hasSize(6);
        assertThat(r.diagnostics()).extracting(Diagnostic::line).containsExactly(1, 8);
        assertThat(r.diagnostics().get(0).message()).contains("# worker1").contains("expected a rule like");
    }

    @Test
    void garbageGivesDiagnosticsNotExceptions() {
        String garbage = "\u0000\u0001binary\u00ff\uFFFD\n}{][\n\u001b[31mred\n" + "x".repeat(100_000);
        for (ParserKind kind : ParserKind.values()) {
            ParseResult r = NetParsers.parse(kind, garbage);
            assertThat(r.diagnostics()).as(kind.cliName()).isNotEmpty();
            assertThat(r.toSnapshot(java.time.Instant.EPOCH).rows()).as(kind.cliName()).isEmpty();
        }
    }

    @Test
    void megabytesOfGarbageGiveABoundedReport() {
        String lines = "not a route\n".repeat(50_000);
        RouteResult r = (RouteResult) NetParsers.parse(ParserKind.IP_ROUTE, lines);
        assertThat(r.diagnostics()).hasSize(201);
        assertThat(r.diagnostics().get(200).message()).contains("49800 more lines");
    }

    @Test
    void emptyInputIsEmptyResultWithoutComplaint() {
        for (ParserKind kind : ParserKind.values()) {
            if (kind == ParserKind.AUTO) {
                continue;
            }
            ParseResult r = NetParsers.parse(kind, "");
            assertThat(r.diagnostics()).as(kind.cliName()).isEmpty();
            assertThat(r.kind()).isEqualTo(kind);
        }
    }

    @Test
    void kubectlMultipleTablesAndNoResources() {
        String text = """
                NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
                service/kubernetes   ClusterIP   100.64.0.1     <none>        443/TCP   5h

                NAME                   ENDPOINTS            AGE
                endpoints/kubernetes   172.30.47.189:443    5h
                """;
        KubectlTableResult r = (KubectlTableResult) NetParsers.parse(ParserKind.AUTO, text);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0).get("CLUSTER-IP")).isEqualTo("100.64.0.1");
        assertThat(r.rows().get(1).get("ENDPOINTS")).isEqualTo("172.30.47.189:443");
        assertThat(r.columns()).contains("TYPE", "ENDPOINTS");
        KubectlTableResult none = (KubectlTableResult) NetParsers.parse(ParserKind.KUBECTL_TABLE,
                "No resources found in default namespace.\n");
        assertThat(none.rows()).isEmpty();
        assertThat(none.diagnostics()).isEmpty();
    }

    @Test
    void kubectlCellsWithSpacesStayWhole() {
        String text = """
                NAMESPACE     NAME                       READY   STATUS    RESTARTS      AGE
                default       pod-1                      1/1     Running   1 (5m ago)    12m
                kube-system   aws-node-b2xrp             1/1     Running   0             5h
                """;
        KubectlTableResult r = (KubectlTableResult) NetParsers.parse(ParserKind.KUBECTL_TABLE, text);
        assertThat(r.rows().get(0).get("RESTARTS")).isEqualTo("1 (5m ago)");
        assertThat(r.toSnapshot(java.time.Instant.EPOCH).rows()).extracting(x -> x.key())
                .containsExactly("default/pod-1", "kube-system/aws-node-b2xrp");
    }

    @Test
    void multipathRouteKeepsItsNexthops() {
        String text = "default proto static metric 1024\n\tnexthop via 10.0.0.1 dev ens5 weight 1\n"
                + "\tnexthop via 10.0.1.1 dev ens6 weight 1\n";
        RouteResult r = (RouteResult) NetParsers.parse(ParserKind.IP_ROUTE, text);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.routes()).singleElement().satisfies(route -> {
            assertThat(route.via()).isEqualTo("10.0.0.1");
            assertThat(route.extra()).contains("nexthop via 10.0.1.1 dev ens6 weight 1");
        });
    }

    @Test
    void negatedRuleAndGoto() {
        String text = "100:\tnot from all to 10.0.0.0/8 lookup main\n200:\tfrom all iif lo goto 300\n"
                + "300:\tfrom all fwmark 0x1 blackhole\n";
        IpRuleResult r = (IpRuleResult) NetParsers.parse(ParserKind.AUTO, text);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.rules().get(0).not()).isTrue();
        assertThat(r.rules().get(0).selector()).isEqualTo("not from all to 10.0.0.0/8");
        assertThat(r.rules().get(1).action()).isEqualTo("goto");
        assertThat(r.rules().get(1).iif()).isEqualTo("lo");
        assertThat(r.rules().get(2).action()).isEqualTo("blackhole");
    }
}
