package io.labbench.netparse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.netparse.Diagnostic;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.Resources;
import io.labbench.netparse.json.ParseResultJson;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A million mutations of the real outputs through the parsers: no exception escapes, every result is
 * well-formed (right kind, diagnostics on real line numbers, a snapshot, a diff and JSON can be made), and
 * no single input takes long. Mutations go to the kinds in turn (AUTO included, which detects and then runs
 * one of them), so every parser sees about 90,000 broken inputs. Seed: -Dfuzz.seed, count: -Dfuzz.count.
 */
class ParserFuzzTest {
    private static final String[] SEEDS = {
            "fixtures/conntrack-L-tcp-udp-stale-kind-issue101607.txt", "fixtures/conntrack-L-udp-unreplied-gke-issue126130.txt",
            "fixtures/ip-addr-pod-netns-kops.txt", "fixtures/ip-j-addr-cloudinit.json", "fixtures/ip-route-centos77-jc.txt",
            "fixtures/ip-route-table-eni-1-vpccni-proposal.txt", "fixtures/ip-route-v4-cloudinit.txt",
            "fixtures/ip-route-v6-cloudinit.txt", "fixtures/iptables-L-line-numbers-filter-ubuntu1804-jc.txt",
            "fixtures/iptables-L-n-v-filter-centos77-jc.txt", "fixtures/iptables-L-n-v-filter-kube-proxy-flannel.txt",
            "fixtures/iptables-t-nat-L-n-kube-proxy-flannel.txt", "fixtures/iptables-t-nat-L-n-v-kube-proxy-flannel.txt",
            "fixtures/kubectl-get-pods-custom-columns-kube-system.txt", "fixtures/kubectl-get-pods-o-wide-ebs-csi-node.txt",
            "fixtures/route-n-cloudinit.txt", "fixtures/route-vn-centos77-jc.txt",
            "captured/ip-link.txt", "captured/ip-o-link.txt", "captured/ip-d-link.txt", "captured/ip-br-link.txt",
            "captured/ip-c-link.txt", "captured/ip-j-link.json", "captured/ip-addr.txt", "captured/ip-o-addr.txt",
            "captured/ip-br-addr.txt", "captured/ip-c-addr.txt", "captured/ip-j-addr.json", "captured/ip-route.txt",
            "captured/ip-route-table-all.txt", "captured/ip-j-route.json", "captured/ip-rule.txt", "captured/ip-j-rule.json",
            "captured/route-n.txt", "captured/route-ne.txt", "captured/iptables-L-n-v.txt",
            "captured/iptables-L-n-v-x-line-numbers.txt", "captured/iptables-t-nat-L-n-v.txt",
            "captured/iptables-t-mangle-L-n.txt", "captured/iptables-S-v.txt", "captured/iptables-t-nat-S.txt",
            "captured/iptables-save-c.txt", "captured/conntrack-L.txt", "captured/conntrack-L-o-extended.txt",
            "captured/watch-ip-link-route.txt", "captured/watch-iptables-snat.txt"};
    /** Generous: a loaded CI machine may pause for GC or other jobs; a quadratic blow-up takes far longer. */
    private static final long MAX_NANOS_PER_INPUT = 3_000_000_000L;

    @Test
    void millionMutationsNeverEscapeAndStayFast() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("fuzz.count", 1_000_000);
        int workers = 2;
        List<String> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            seeds.add(Resources.text(s));
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Stats>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long workerSeed = seed + w;
                int share = count / workers + (w < count % workers ? 1 : 0);
                runs.add(pool.submit(() -> run(seeds, workerSeed, share)));
            }
            Stats total = new Stats(0, 0, 0);
            for (Future<Stats> run : runs) {
                try {
                    total = total.plus(run.get(15, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause().getMessage(), e.getCause());
                }
            }
            System.out.printf("fuzz: seed %d, %d mutations parsed, %d giant inputs, slowest %.1f ms, total %.1f s%n",
                    seed, total.parses, total.giant, total.slowestNanos / 1e6, (System.nanoTime() - started) / 1e9);
            assertThat(total.parses).isGreaterThanOrEqualTo(count);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Stats(long parses, int giant, long slowestNanos) {
        Stats plus(Stats o) {
            return new Stats(parses + o.parses, giant + o.giant, Math.max(slowestNanos, o.slowestNanos));
        }
    }

    private static Stats run(List<String> seeds, long seed, int count) throws IOException {
        Mutator mutator = new Mutator(seeds, seed);
        ParserKind[] kinds = ParserKind.values();
        long slowest = 0;
        long parses = 0;
        int giant = 0;
        Instant t0 = Instant.EPOCH;
        String input = "";
        ParserKind kind = ParserKind.AUTO;
        try {
            for (int i = 0; i < count; i++) {
                input = mutator.next();
                if (input.length() > 15_000) {
                    giant++;
                }
                kind = kinds[i % kinds.length];
                long start = System.nanoTime();
                ParseResult result = NetParsers.parse(kind, input);
                long took = System.nanoTime() - start;
                parses++;
                slowest = Math.max(slowest, took);
                if (took > MAX_NANOS_PER_INPUT) {
                    throw new AssertionError("input of " + input.length() + " chars took " + took / 1_000_000 + " ms");
                }
                check(result, kind, input);
                if (i % 7 == 0) {
                    result.toSnapshot(t0);
                }
                if (i % 101 == 0) {
                    Snapshot a = result.toSnapshot(t0);
                    SnapshotDiffer.diff(a, NetParsers.parse(kind, mutator.next()).toSnapshot(t0.plusSeconds(1)));
                    assertThat(ParseResultJson.toJson(result)).startsWith("{");
                }
            }
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            Path saved = Files.writeString(Path.of("target", "fuzz-failure-" + seed + ".txt"), input, StandardCharsets.UTF_8);
            throw new AssertionError("fuzz seed " + seed + " kind " + kind.cliName() + " failed (rerun with -Dfuzz.seed="
                    + seed + "); input saved to " + saved.toAbsolutePath() + ": " + e, e);
        }
        return new Stats(parses, giant, slowest);
    }

    private static void check(ParseResult r, ParserKind asked, String input) {
        assertThat(r).isNotNull();
        if (asked != ParserKind.AUTO) {
            // Whatever a parser meets, its own kind comes back (a parser error would show as a watch screen).
            if (r.kind() != asked && !(asked == ParserKind.ROUTE_N && r.kind() == ParserKind.ROUTE_N)) {
                throw new AssertionError("asked " + asked + " got " + r.kind() + " " + r.diagnostics());
            }
        }
        long lines = input.chars().filter(c -> c == '\n').count() + 1;
        for (Diagnostic d : r.diagnostics()) {
            if (d.line() < 1 || d.line() > lines) {
                throw new AssertionError("diagnostic on line " + d.line() + " of " + lines + ": " + d.message());
            }
            if (d.message().contains("internal parser error")) {
                throw new AssertionError(d.message());
            }
        }
    }
}
