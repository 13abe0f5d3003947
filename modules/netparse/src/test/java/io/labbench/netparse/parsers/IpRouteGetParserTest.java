package io.labbench.netparse.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.Resources;
import io.labbench.netparse.model.RouteLookup;
import org.junit.jupiter.api.Test;

/** {@code ip route get} answers captured from the kernel (see SOURCES.md). */
class IpRouteGetParserTest {

    private static RouteLookup lookup(String file) {
        IpRouteGetParser.Result r = IpRouteGetParser.parse(Resources.text("captured/" + file));
        assertThat(r.diagnostics()).isEmpty();
        return r.lookup().orElseThrow();
    }

    @Test
    void forwardedLookupNamesTheTableTheRuleChoseAndTheIncomingDevice() {
        RouteLookup r = lookup("ip-route-get-iif-table2.txt");
        assertThat(r.destination()).isEqualTo("10.9.1.1");
        assertThat(r.from()).isEqualTo("10.1.0.5");
        assertThat(r.via()).isEqualTo("10.1.0.2");
        assertThat(r.dev()).isEqualTo("va");
        assertThat(r.table()).isEqualTo("2");
        assertThat(r.iif()).isEqualTo("vb");
        assertThat(r.forwards()).isTrue();
    }

    @Test
    void mainTableIsImpliedWhenTheKernelPrintsNoTable() {
        RouteLookup r = lookup("ip-route-get-mark.txt");
        assertThat(r.table()).isEqualTo("main");
        assertThat(r.mark()).isEqualTo("0x80");
        assertThat(r.via()).isEmpty();
        RouteLookup out = lookup("ip-route-get-output.txt");
        assertThat(out.src()).isEqualTo("10.1.0.1");
        assertThat(out.iif()).isEmpty();
    }

    @Test
    void localDeliveryIsTypeLocalInTableLocal() {
        RouteLookup r = lookup("ip-route-get-local.txt");
        assertThat(r.local()).isTrue();
        assertThat(r.forwards()).isFalse();
        assertThat(r.table()).isEqualTo("local");
        assertThat(r.cacheFlags()).containsExactly("local");
    }

    @Test
    void refusalIsAnAnswerWithTheKernelsReason() {
        RouteLookup r = lookup("ip-route-get-unreachable.txt");
        assertThat(r.error()).contains("Network is unreachable");
        assertThat(r.forwards()).isFalse();
    }

    @Test
    void somethingElseIsADiagnosticWithItsLine() {
        IpRouteGetParser.Result r = IpRouteGetParser.parse("\nDevice \"eth9\" does not exist.\n");
        assertThat(r.lookup()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.message()).contains("Device \"eth9\"");
        });
    }
}
