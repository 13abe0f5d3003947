package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code auto} tells every real output apart. */
class KindDetectionTest {

    @ParameterizedTest
    @CsvSource({
            "fixtures/conntrack-L-tcp-udp-stale-kind-issue101607.txt, conntrack",
            "fixtures/ip-addr-pod-netns-kops.txt, ip-addr",
            "fixtures/ip-j-addr-cloudinit.json, ip-addr",
            "fixtures/ip-route-v6-cloudinit.txt, ip-route",
            "fixtures/ip-route-table-eni-1-vpccni-proposal.txt, ip-route",
            "fixtures/route-n-cloudinit.txt, route-n",
            "fixtures/iptables-L-line-numbers-filter-ubuntu1804-jc.txt, iptables-list",
            "fixtures/iptables-t-nat-L-n-kube-proxy-flannel.txt, iptables-list",
            "fixtures/kubectl-get-pods-o-wide-ebs-csi-node.txt, kubectl-table",
            "fixtures/kubectl-get-pods-custom-columns-kube-system.txt, kubectl-table",
            "captured/ip-link.txt, ip-link",
            "captured/ip-o-link.txt, ip-link",
            "captured/ip-br-link.txt, ip-link",
            "captured/ip-j-link.json, ip-link",
            "captured/ip-br-addr.txt, ip-addr",
            "captured/ip-o-addr.txt, ip-addr",
            "captured/ip-j-route.json, ip-route",
            "captured/ip-rule.txt, ip-rule",
            "captured/ip-j-rule.json, ip-rule",
            "captured/route-ne.txt, route-n",
            "captured/iptables-S.txt, iptables-rules",
            "captured/iptables-save-c.txt, iptables-rules",
            "captured/conntrack-L-o-extended.txt, conntrack",
            "captured/watch-ip-link-route.txt, watch-screen",
            "captured/watch-iptables-snat.txt, watch-screen",
    })
    void detects(String file, String kind) {
        assertThat(NetParsers.detect(Resources.text(file)).cliName()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"'hello world'", "''", "'{\"some\": \"json\"}'"})
    void saysAutoWhenItCannotTell(String text) {
        assertThat(NetParsers.detect(text)).isEqualTo(ParserKind.AUTO);
        ParseResult r = NetParsers.parse(ParserKind.AUTO, text);
        if (!text.isEmpty()) {
            assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("cannot tell"));
        }
    }

    @org.junit.jupiter.api.Test
    void partsOfDifferentKindsWithoutTitlesAreAWatchScreen() {
        String text = Resources.text("captured/ip-rule.txt") + "\n" + Resources.text("captured/route-n.txt");
        assertThat(NetParsers.detect(text)).isEqualTo(ParserKind.WATCH_SCREEN);
        WatchScreenResult r = (WatchScreenResult) NetParsers.parse(ParserKind.AUTO, text);
        assertThat(r.sections()).extracting(s -> s.result().kind()).containsExactly(ParserKind.IP_RULE, ParserKind.ROUTE_N);
    }
}
