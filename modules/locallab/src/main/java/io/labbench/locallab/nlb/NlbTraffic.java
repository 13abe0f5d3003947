package io.labbench.locallab.nlb;

import io.labbench.locallab.settings.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many connections an NLB of the lab has passed to each of its targets, read from its data plane:
 * HAProxy's cumulative session count per server ({@code stot} in {@code show stat}), per listener
 * port and summed over the per-AZ backends a target sits in without cross-zone load balancing. An
 * NLB's own CloudWatch metrics have no per-target dimension; this is what the app's Load balancers
 * tab draws its distribution histogram from on the local backend. HAProxy counts from its current
 * worker's start, so a reload (the targets changed) starts the counts again from zero.
 *
 * <p>An NLB the kernel forwards (instance targets that keep the client's address) passes no connection
 * through HAProxy, which only checks its targets; its controller writes the kernel's counts (the DNAT
 * rules' packet counters, see {@code KernelForwardingRules#connections}) to {@value #KERNEL_COUNTS} in the
 * NLB's folder once a second, and they are read from there instead.
 */
public final class NlbTraffic {

    /** Connections per target ({@code id:port}, as ELBv2 names it), per listener port. */
    public record Counts(Map<Integer, Map<String, Long>> byListenerPort) {
        public Counts {
            byListenerPort = Map.copyOf(byListenerPort);
        }

        /** The connections each target took through these listeners (all of them when {@code ports} is empty). */
        public Map<String, Long> forListeners(List<Integer> ports) {
            Map<String, Long> sum = new TreeMap<>();
            byListenerPort.forEach((port, targets) -> {
                if (ports.isEmpty() || ports.contains(port)) {
                    targets.forEach((target, n) -> sum.merge(target, n, Long::sum));
                }
            });
            return sum;
        }
    }

    /** The file in an NLB's folder with the kernel's connection counts ({@code port<TAB>id:port<TAB>count} lines). */
    static final String KERNEL_COUNTS = "kernel-connections.tsv";

    private static final Pattern BACKEND = Pattern.compile("tg-(\\d+)(?:-.*)?");

    private NlbTraffic() {
    }

    /** Where the lab's controller keeps one folder per NLB (configuration, runtime socket, log). */
    public static Path directory(LabSettings settings) {
        return settings.labDir().resolve("nlb");
    }

    /**
     * Reads one NLB's counters from its HAProxy.
     *
     * @return empty when the lab runs no data plane for this name (not built yet, or being removed)
     * @throws IOException when HAProxy is there but does not answer (it says which socket)
     */
    public static Optional<Counts> read(LabSettings settings, String loadBalancerName) throws IOException {
        if (loadBalancerName.contains("/") || loadBalancerName.startsWith(".")) {
            return Optional.empty(); // not a name the controller gives; never read outside its folder
        }
        Optional<Path> named = statsSocket(directory(settings).resolve(loadBalancerName).resolve("haproxy.cfg"));
        if (named.isEmpty() || !Files.exists(named.get())) {
            return Optional.empty();
        }
        Path socket = named.get();
        Path kernelCounts = directory(settings).resolve(loadBalancerName).resolve(KERNEL_COUNTS);
        if (Files.isRegularFile(kernelCounts)) {
            return Optional.of(parseKernelCounts(Files.readString(kernelCounts), kernelCounts));
        }
        try {
            return Optional.of(parse(HaproxyStats.showStat(socket)));
        } catch (IOException e) {
            throw new IOException("the NLB " + loadBalancerName + "'s HAProxy did not answer on " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * The runtime socket an NLB's HAProxy configuration names ({@code stats socket PATH …}). The socket
     * lives apart from the NLB's folder, under a short path, because a socket's path must stay under the
     * kernel's 108 bytes; the configuration is where the controller records which one it gave.
     */
    static Optional<Path> statsSocket(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        return Files.readAllLines(config).stream().map(String::trim).filter(l -> l.startsWith("stats socket "))
                .map(l -> l.split("\\s+")).filter(f -> f.length >= 3).map(f -> Path.of(f[2])).findFirst();
    }

    static String kernelCountsText(Map<Integer, Map<String, Long>> counts) {
        StringBuilder text = new StringBuilder("# listener port, target (id:port), connections the kernel forwarded to it\n");
        counts.forEach((port, targets) -> targets.forEach((target, n) ->
                text.append(port).append('\t').append(target).append('\t').append(n).append('\n')));
        return text.toString();
    }

    /** @throws IOException naming the file and line when a line is not {@code port<TAB>target<TAB>count} */
    static Counts parseKernelCounts(String text, Path file) throws IOException {
        Map<Integer, Map<String, Long>> counts = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                if (f.length != 3) {
                    throw new NumberFormatException("3 tab-separated fields expected, found " + f.length);
                }
                counts.computeIfAbsent(Integer.parseInt(f[0]), p -> new TreeMap<>()).merge(f[1], Long.parseLong(f[2]), Long::sum);
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": expected listener port, target and count separated by tabs ("
                        + e.getMessage() + "): " + line, e);
            }
        }
        return new Counts(counts);
    }

    static Counts parse(String csv) {
        Map<Integer, Map<String, Long>> counts = new LinkedHashMap<>();
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return new Counts(counts);
        }
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int sessions = header.indexOf("stot");
        if (proxy < 0 || server < 0 || sessions < 0) {
            return new Counts(counts);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length <= Math.max(proxy, Math.max(server, sessions)) || f[server].equals("FRONTEND") || f[server].equals("BACKEND")) {
                continue;
            }
            Matcher backend = BACKEND.matcher(f[proxy]);
            if (!backend.matches() || f[sessions].isEmpty()) {
                continue;
            }
            counts.computeIfAbsent(Integer.parseInt(backend.group(1)), p -> new TreeMap<>())
                    .merge(f[server], Long.parseLong(f[sessions]), Long::sum);
        }
        return new Counts(counts);
    }
}
