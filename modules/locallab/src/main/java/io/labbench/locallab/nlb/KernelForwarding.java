package io.labbench.locallab.nlb;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.KernelCommandException;
import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The data plane of an NLB whose targets must see the client's address (instance targets, as AWS keeps
 * the client's IP for them): the kernel forwards each connection with a DNAT in the NLB's namespace and
 * the VPC router's bridges hand the targets' replies back to the NLB ({@link KernelForwardingRules}).
 *
 * <p>Why the kernel and not HAProxy or IPVS: a proxy opens its own connection to the target, so the node
 * would see the NLB's address; IPVS in NAT mode needs the same return path as a DNAT plus the
 * {@code ip_vs} module and {@code ipvsadm}, which a container or a rootless lab cannot load, while
 * iptables and ebtables (ebtables-nft ships with Debian's {@code iptables}) are already the lab's tools, and
 * a learner reads the rules and their counters with {@code iptables -t nat -L -v} in the NLB's namespace.
 * Health checks stay HAProxy's (a checks-only configuration); the rules send only to targets that pass.
 */
final class KernelForwarding implements AutoCloseable {

    /** The ebtables binary (ebtables-nft, from Debian's iptables package), named in the error when it is missing. */
    static final String EBTABLES = "ebtables";

    private final KernelAccess kernel;
    private final String nlbNetns;
    private final String vpcNetns;
    private final String chain;
    private final Map<String, String> macByZone;
    private final Map<String, String> publicAddresses;
    private String natApplied = "";
    /** Connections counted by rule sets since replaced: {@code iptables-restore} starts a new table's counters at zero. */
    private final Map<Integer, Map<String, Long>> countedBefore = new java.util.TreeMap<>();
    private List<List<String>> redirectsApplied = List.of();

    /**
     * @param chain           the ebtables chain of this NLB in the VPC router's nat table (one per NLB, e.g. {@code NLB0})
     * @param publicAddresses each lab instance's private address → its public one ({@link KernelForwardingRules#nat})
     */
    KernelForwarding(KernelAccess kernel, String nlbNetns, String vpcNetns, String chain, Map<String, String> macByZone,
                     Map<String, String> publicAddresses) {
        this.kernel = kernel;
        this.nlbNetns = nlbNetns;
        this.vpcNetns = vpcNetns;
        this.chain = chain;
        this.macByZone = Map.copyOf(macByZone);
        this.publicAddresses = new java.util.TreeMap<>(publicAddresses); // sorted: the same rules text on every pass
    }

    /**
     * Creates the bridge chain and applies the model's rules, all targets in service until checks say
     * otherwise; on failure nothing of it is left in the VPC router.
     */
    synchronized void start(NlbModel model) throws IOException {
        String ebtables = tool(EBTABLES);
        StringBuilder script = new StringBuilder("set -e\n");
        script.append(inVpc(ebtables, List.of("-t", "nat", "-N", chain, "-P", "RETURN"))).append('\n')
                .append(inVpc(ebtables, List.of("-t", "nat", "-A", "PREROUTING", "-j", chain))).append('\n');
        try {
            runScript(script.toString());
            apply(model, t -> true);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Brings the rules to {@code model} with the targets that pass their checks now; rewrites only what
     * changed (the nat table as a whole with {@code iptables-restore}, the bridge chain when targets changed).
     */
    synchronized void apply(NlbModel model, Predicate<NlbModel.Target> inService) throws IOException {
        List<List<String>> redirects = KernelForwardingRules.replyRedirects(model, chain, macByZone);
        if (!redirects.equals(redirectsApplied)) {
            String ebtables = tool(EBTABLES);
            StringBuilder script = new StringBuilder("set -e\n").append(inVpc(ebtables, List.of("-t", "nat", "-F", chain))).append('\n');
            for (List<String> rule : redirects) {
                List<String> argv = new ArrayList<>(List.of("-t", "nat"));
                argv.addAll(rule);
                script.append(inVpc(ebtables, argv)).append('\n');
            }
            runScript(script.toString());
            redirectsApplied = redirects;
        }
        String nat = KernelForwardingRules.nat(model, inService, publicAddresses);
        if (!nat.equals(natApplied)) {
            if (!natApplied.isEmpty()) {
                add(countedBefore, KernelForwardingRules.connections(savedWithCounters()));
            }
            ProcessRunner.Result r = ProcessRunner.runAllowingFailure(kernel.inNetns(nlbNetns, List.of(tool("iptables-restore"), "-w")), nat);
            if (r.exitCode() != 0) {
                throw new KernelCommandException(List.of("iptables-restore", "-w"), r.exitCode(),
                        (r.stderr() + r.stdout()).strip() + " in namespace " + nlbNetns);
            }
            java.util.Set<String> leaving = new java.util.LinkedHashSet<>(KernelForwardingRules.destinations(natApplied));
            leaving.removeAll(KernelForwardingRules.destinations(nat));
            natApplied = nat;
            forgetUnanswered(leaving);
        }
    }

    /**
     * Drops the NLB's conntrack entries of connections sent to a target that just left service and never
     * answered (SYN_SENT): the client's SYN retransmits would otherwise follow the entry to that target for
     * as long as the client tries; without the entry the next one is DNATed afresh, to a target in service.
     * Best effort: without the {@code conntrack} tool (optional in the machine check) the client waits.
     */
    private void forgetUnanswered(java.util.Set<String> destinations) {
        if (destinations.isEmpty()) {
            return;
        }
        java.util.Optional<java.nio.file.Path> found = SystemTools.ofThisMachine().find("conntrack");
        if (found.isEmpty()) {
            return;
        }
        String conntrack = found.get().toString();
        for (String destination : destinations) {
            int colon = destination.lastIndexOf(':');
            List<String> argv = List.of(conntrack, "-D", "-p", "tcp", "--state", "SYN_SENT", "--reply-src", destination.substring(0, colon),
                    "--reply-port-src", destination.substring(colon + 1));
            try {
                ProcessRunner.runAllowingFailure(kernel.inNetns(nlbNetns, argv), ""); // exit 1 when there was none
            } catch (IOException | RuntimeException e) {
                java.util.logging.Logger.getLogger(KernelForwarding.class.getName()).fine(() -> "conntrack -D for " + destination + ": " + e);
            }
        }
    }

    /**
     * The connections the kernel has sent to each target since the NLB started, per listener port (see
     * {@link KernelForwardingRules#connections}), kept across the rewrites a health change makes.
     */
    synchronized Map<Integer, Map<String, Long>> connections() throws IOException {
        Map<Integer, Map<String, Long>> total = new java.util.TreeMap<>();
        add(total, countedBefore);
        add(total, KernelForwardingRules.connections(savedWithCounters()));
        return total;
    }

    private static void add(Map<Integer, Map<String, Long>> into, Map<Integer, Map<String, Long>> counts) {
        counts.forEach((port, targets) -> targets.forEach((target, n) ->
                into.computeIfAbsent(port, p -> new java.util.TreeMap<>()).merge(target, n, Long::sum)));
    }

    private String savedWithCounters() throws IOException {
        List<String> argv = List.of(tool("iptables-save"), "-c", "-t", "nat");
        ProcessRunner.Result r = ProcessRunner.runAllowingFailure(kernel.inNetns(nlbNetns, argv), "");
        if (r.exitCode() != 0) {
            throw new KernelCommandException(List.of("iptables-save", "-c", "-t", "nat"), r.exitCode(),
                    (r.stderr() + r.stdout()).strip() + " in namespace " + nlbNetns);
        }
        return r.stdout();
    }

    private String inVpc(String program, List<String> args) {
        StringBuilder line = new StringBuilder(quote(tool("nsenter"))).append(" --net=").append(quote(kernel.netnsPath(vpcNetns)))
                .append(" -- ").append(quote(program));
        args.forEach(a -> line.append(' ').append(quote(a)));
        return line.toString();
    }

    private void runScript(String script) throws IOException {
        ProcessRunner.Result r = ProcessRunner.runAllowingFailure(kernel.command(List.of(tool("bash"), "-c", script)), "");
        if (r.exitCode() != 0) {
            // the same words on every retry (no chain name), so the Service gets one Warning event, not one per pass
            throw new KernelCommandException(List.of("ebtables", "-t", "nat"), r.exitCode(),
                    (r.stderr() + r.stdout()).strip().replace(chain, "of this NLB") + " (the NLB's replies to its clients, in the VPC router)");
        }
    }

    private static String tool(String name) {
        return SystemTools.ofThisMachine().resolve(name);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Removes the bridge chain (the NLB's namespace, with its nat table, goes with the namespace). */
    @Override
    public synchronized void close() throws IOException {
        String ebtables = tool(EBTABLES);
        runScript(inVpc(ebtables, List.of("-t", "nat", "-D", "PREROUTING", "-j", chain)) + " || true\n"
                + inVpc(ebtables, List.of("-t", "nat", "-F", chain)) + " || true\n"
                + inVpc(ebtables, List.of("-t", "nat", "-X", chain)) + " || true\n");
    }
}
