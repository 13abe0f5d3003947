package io.labbench.netparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real output reads as its own kind; real output of other commands (a {@code kubectl describe node},
 * the VPC CNI's logs, AWS CLI tables) reads as no kind: it used to leave accidental rows, e.g. two
 * "routes" from the describe's pods in the {@code default} namespace, and {@code labbench parse}
 * exited 0.
 */
class InputFitTest {

    static Stream<String> realOutputs() throws IOException, URISyntaxException {
        List<String> files = new ArrayList<>();
        for (String folder : List.of("captured", "fixtures")) {
            try (Stream<Path> list = Files.list(Path.of(Resources.class.getResource("/" + folder).toURI()))) {
                // ip route get's answers are read by IpRouteGetParser, which is no parser kind
                list.map(p -> folder + "/" + p.getFileName()).filter(f -> !f.contains("/ip-route-get-"))
                        .sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    static Stream<String> unrelatedOutputs() throws IOException, URISyntaxException {
        try (Stream<Path> list = Files.list(Path.of(Resources.class.getResource("/unrelated").toURI()))) {
            return list.map(p -> "unrelated/" + p.getFileName()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("realOutputs")
    void realOutputFitsTheKindItIsDetectedAs(String file) {
        String text = Resources.text(file);
        ParseResult result = NetParsers.parse(ParserKind.AUTO, text);
        assertThat(judge(text, result)).as(file + " read as " + result.kind().cliName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("unrelatedOutputs")
    void unrelatedOutputFitsNoKind(String file) {
        String text = Resources.text(file);
        for (ParserKind kind : ParserKind.values()) {
            ParseResult result = NetParsers.parse(kind, text);
            assertThat(judge(text, result)).as(file + " read as " + kind.cliName()).isPresent();
        }
    }

    @Test
    void describeNodeAsIpRouteNamesItsFirstLine() {
        String text = Resources.text("unrelated/kubectl-describe-node-k8s-docs.txt");
        ParseResult result = NetParsers.parse(ParserKind.IP_ROUTE, text);
        assertThat(judge(text, result)).hasValueSatisfying(misfit -> {
            assertThat(misfit.line()).isEqualTo(1);
            assertThat(misfit.message()).contains("Name:").contains("expected a route");
        });
    }

    @Test
    void aJsonLogIsNoLinkEvenThoughIpJsonIsJson() {
        String text = Resources.text("unrelated/ipamd-log-jq-head-kops-worker1.txt");
        ParseResult result = NetParsers.parse(ParserKind.IP_LINK, text);
        assertThat(result.toSnapshot(Instant.EPOCH).rows()).isEmpty();
        assertThat(result.diagnostics()).first().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("without \"ifname\"").contains("ip -j link");
        });
    }

    @Test
    void routeNOutputIsNotReadAsIpRoute() {
        String text = Resources.text("fixtures/route-n-cloudinit.txt");
        ParseResult result = NetParsers.parse(ParserKind.IP_ROUTE, text);
        assertThat(result.toSnapshot(Instant.EPOCH).rows()).isEmpty();
        assertThat(judge(text, result)).isPresent();
    }

    @Test
    void realOutputWithAFewOddLinesStillFits() {
        String routes = Resources.text("captured/ip-route.txt");
        String text = "some note the learner pasted\n" + routes;
        ParseResult result = NetParsers.parse(ParserKind.IP_ROUTE, text);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
        assertThat(judge(text, result)).isEmpty();
    }

    private static Optional<InputFit.Misfit> judge(String text, ParseResult result) {
        return InputFit.judge(text, result.diagnostics(), result.toSnapshot(Instant.EPOCH).rows().size());
    }
}
