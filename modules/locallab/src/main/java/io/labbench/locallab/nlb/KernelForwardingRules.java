package io.labbench.locallab.nlb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rules of an NLB the kernel forwards ({@link KernelForwarding}), as text, so they can be read and
 * tested without a kernel:
 * <ul>
 *   <li>{@link #nat}: the NLB namespace's nat table. A new connection to the NLB's address on a
 *       listener's port is DNATed to one target (node IP and NodePort), picked at random among the
 *       targets in service in the same way kube-proxy picks endpoints, and only among the zone's own
 *       targets without cross-zone load balancing. The source is left alone: the node sees the client, except
 *       that an internet-facing NLB sees a lab instance by its public address (below).</li>
 *   <li>{@link #replyRedirects}: ebtables rules for the VPC router's subnet bridges. A target's reply
 *       leaves its node addressed to the client, which may sit on the same subnet; these rules hand the
 *       frame to the NLB's own interface in that subnet instead, so the NLB's conntrack turns the source
 *       back into the NLB's address before the client sees it (on AWS the VPC fabric does this).</li>
 * </ul>
 */
final class KernelForwardingRules {

    private KernelForwardingRules() {
    }

    /** {@link #nat(NlbModel, Predicate, Map)} for an NLB none of whose clients has a public address. */
    static String nat(NlbModel nlb, Predicate<NlbModel.Target> inService) {
        return nat(nlb, inService, Map.of());
    }

    /**
     * @param inService       whether a target passes its health checks; when none of a front's targets does,
     *                        the front sends to all of them, as an NLB fails open
     * @param publicAddresses each lab instance's private address → the public one the Internet Gateway maps it to.
     *                        On AWS an instance reaches an internet-facing NLB at the NLB's public addresses, out
     *                        through the gateway, so the NLB and its targets see the instance's public address.
     *                        Here the NLB answers at its private ones; an SNAT to the public address keeps what
     *                        the targets see. It matters beyond the echoed {@code client_address}: kube-proxy on
     *                        the kOps nodes takes the whole VPC CIDR for pods, so with {@code
     *                        externalTrafficPolicy: Local} a private client's connection counts as pod traffic
     *                        and goes to any node's pod, whose reply then bypasses the node and the NLB.
     */
    static String nat(NlbModel nlb, Predicate<NlbModel.Target> inService, Map<String, String> publicAddresses) {
        StringBuilder chains = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        for (NlbModel.Listener listener : nlb.listeners()) {
            NlbModel.TargetGroup group = listener.targetGroup();
            List<List<NlbModel.ZoneNode>> fronts = nlb.crossZone() ? List.of(nlb.zones()) : nlb.zones().stream().map(List::of).toList();
            for (List<NlbModel.ZoneNode> front : fronts) {
                String zone = nlb.crossZone() ? "" : front.get(0).zone();
                String chain = "NLB-" + listener.port() + (zone.isEmpty() ? "" : "-" + zoneLetter(zone));
                chains.append(':').append(chain).append(" - [0:0]\n");
                for (NlbModel.ZoneNode node : front) {
                    rules.append("-A PREROUTING -d ").append(node.address()).append("/32 -p tcp -m tcp --dport ").append(listener.port())
                            .append(" -m comment --comment \"").append(nlb.name()).append(" listener ").append(listener.port())
                            .append("\" -j ").append(chain).append('\n');
                }
                List<NlbModel.Target> targets = group.targets().stream().filter(t -> zone.isEmpty() || t.zone().equals(zone)).toList();
                if (targets.isEmpty()) {
                    targets = group.targets(); // no target in its own zone: the NLB node still answers through the others
                }
                List<NlbModel.Target> routed = targets.stream().filter(inService).toList();
                if (routed.isEmpty()) {
                    routed = targets;
                }
                for (int i = 0; i < routed.size(); i++) {
                    NlbModel.Target t = routed.get(i);
                    rules.append("-A ").append(chain).append(" -p tcp -m comment --comment \"").append(group.name()).append(' ').append(t.id())
                            .append('"');
                    int left = routed.size() - i;
                    if (left > 1) {
                        rules.append(" -m statistic --mode random --probability ").append(String.format(java.util.Locale.ROOT, "%.11f", 1.0 / left));
                    }
                    rules.append(" -j DNAT --to-destination ").append(t.address()).append(':').append(t.port()).append('\n');
                }
            }
        }
        if (nlb.scheme().equals("internet-facing")) {
            // only connections a listener DNATed: the health checks HAProxy sends from here keep the NLB's address
            publicAddresses.forEach((privateIp, publicIp) -> rules.append("-A POSTROUTING -s ").append(privateIp)
                    .append("/32 -m conntrack --ctstate DNAT -m comment --comment \"").append(nlb.name())
                    .append(" internet-facing: the client's public address\" -j SNAT --to-source ").append(publicIp).append('\n'));
        }
        return "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + chains + rules + "COMMIT\n";
    }

    /**
     * The ebtables rules of the NLB's bridge chain (arguments after {@code ebtables -t nat}): first a
     * RETURN for every frame the NLB itself sends (a reply it already turned back, or one it passes on
     * unchanged), then one rule per target handing its replies to the NLB's interface in the target's
     * subnet. A node is plugged into its own subnet's bridge only, so the rule needs no bridge match
     * (which this kernel's nf_tables may not offer: {@code --logical-in} is refused on some).
     *
     * @param macByZone the MAC of the NLB's interface in each zone's subnet
     */
    static List<List<String>> replyRedirects(NlbModel nlb, String chain, Map<String, String> macByZone) {
        List<List<String>> rules = new ArrayList<>();
        macByZone.values().stream().distinct().sorted().forEach(mac -> rules.add(List.of("-A", chain, "-s", mac, "-j", "RETURN")));
        Map<String, NlbModel.Target> unique = new LinkedHashMap<>();
        nlb.listeners().forEach(l -> l.targetGroup().targets().forEach(t -> unique.putIfAbsent(t.address() + ":" + t.port(), t)));
        for (NlbModel.Target t : unique.values()) {
            String mac = macByZone.get(t.zone());
            if (mac == null) {
                continue;
            }
            rules.add(List.of("-A", chain, "-p", "IPv4", "--ip-src", t.address(), "--ip-proto", "tcp", "--ip-sport",
                    Integer.toString(t.port()), "-j", "dnat", "--to-dst", mac, "--dnat-target", "ACCEPT"));
        }
        return rules;
    }

    private static final java.util.regex.Pattern COUNTED_DNAT = java.util.regex.Pattern.compile(
            "^\\[(\\d+):\\d+] -A NLB-(\\d+)(?:-[A-Z])? .*--comment \"?\\S+ (\\S+?)\"? .*-j DNAT --to-destination \\S+:(\\d+)\\s*$");

    /**
     * The connections each DNAT rule of an {@code iptables-save -c -t nat} of a {@link #nat} table sent to its
     * target: the nat table sees only a connection's first packet, so a rule's packet counter is its count of
     * connections. Per listener port, then per target as ELBv2 and HAProxy name it ({@code id:port}), summed
     * over the per-AZ chains a target sits in without cross-zone load balancing.
     */
    static Map<Integer, Map<String, Long>> connections(String saved) {
        Map<Integer, Map<String, Long>> counts = new java.util.TreeMap<>();
        for (String line : saved.lines().toList()) {
            java.util.regex.Matcher m = COUNTED_DNAT.matcher(line);
            if (m.matches()) {
                counts.computeIfAbsent(Integer.parseInt(m.group(2)), p -> new java.util.TreeMap<>())
                        .merge(m.group(3) + ":" + m.group(4), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return counts;
    }

    /** The {@code address:port} every DNAT rule of a {@link #nat} table sends to. */
    static java.util.Set<String> destinations(String nat) {
        java.util.Set<String> to = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--to-destination (\\S+)").matcher(nat);
        while (m.find()) {
            to.add(m.group(1));
        }
        return to;
    }

    static String zoneLetter(String zone) {
        return zone.substring(zone.length() - 1).toUpperCase(java.util.Locale.ROOT);
    }
}
