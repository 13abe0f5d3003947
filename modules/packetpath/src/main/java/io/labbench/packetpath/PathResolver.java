package io.labbench.packetpath;

import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.IpRuleEntry;
import io.labbench.netparse.model.RouteLookup;
import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.cluster.LoadBalancer;
import io.labbench.packetpath.kernel.KernelView;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.kernel.RouteQuery;
import io.labbench.packetpath.netfilter.ChainWalk;
import io.labbench.packetpath.netfilter.Ipv4Cidr;
import io.labbench.packetpath.netfilter.MatchContext;
import io.labbench.packetpath.netfilter.Packet;
import io.labbench.packetpath.netfilter.Ruleset;
import io.labbench.packetpath.netfilter.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Resolves a {@link Flow} into its hops. The packet starts at the flow's source and moves machine by
 * machine: in a pod, out of its {@code eth0} to the host veth; in a node, through the netfilter hooks of
 * its tables (evaluated on the parsed rules by {@link ChainWalk}), the {@code ip rule} and the route the
 * kernel answers for exactly this packet ({@code ip route get DST from SRC iif DEV mark M}), out of the
 * device that route names; across the VPC to the machine that owns the destination. Then the reply is
 * walked back the same way, with conntrack undoing the NAT the forward direction did. Nothing here reads
 * a clock or runs a command: the same inputs give the same path.
 */
public final class PathResolver {
    /** A flow crosses at most: pod, node, VPC, node, pod, each way; more is a routing loop. */
    private static final int MAX_MACHINES = 12;
    public static final String VPC = "vpc";
    public static final String INTERNET = "internet";

    private final ClusterState cluster;
    private final KernelView kernel;

    public PathResolver(ClusterState cluster, KernelView kernel) {
        this.cluster = cluster;
        this.kernel = kernel;
    }

    public PacketPath resolve(Flow flow) {
        return new Trace(flow).run();
    }

    private sealed interface Next permits Visit, End {
    }

    /** Go on at {@code machine}; {@code iif} empty means the packet starts there. */
    private record Visit(String machine, String iif, Packet packet) implements Next {
    }

    private record End(PacketPath.Outcome outcome, String where, Packet packet) implements Next {
    }

    /** The NLB's rewrite of a forward packet: client → listener became load balancer address → target. */
    private record LoadBalancerNat(LoadBalancer lb, LoadBalancer.Listener listener, String client, int clientPort,
                                   String lbAddress, String target, int targetPort) {
    }

    /** A NAT the forward direction did, which conntrack undoes for the reply on the same machine. */
    private record NatDone(String machine, boolean destination, String before, int beforePort, String after, int afterPort) {
    }

    /** The state of one resolution. */
    private final class Trace {
        private final Flow flow;
        private final List<Hop> hops = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();
        private final List<NatDone> nats = new ArrayList<>();
        private final Map<String, Long> connectionMarks = new HashMap<>();
        private final Set<String> policyNoteGiven = new HashSet<>();
        /** What the load balancer rewrote on the way in, which its flow table undoes for the reply. */
        private Optional<LoadBalancerNat> loadBalancerNat = Optional.empty();
        private Direction direction = Direction.FORWARD;
        private Packet original;

        Trace(Flow flow) {
            this.flow = flow;
        }

        PacketPath run() {
            Optional<Visit> start = start();
            if (start.isEmpty()) {
                return new PacketPath(flow, hops, PacketPath.Outcome.UNRESOLVED, List.copyOf(notes));
            }
            original = start.get().packet();
            End forward = walk(start.get());
            if (forward.outcome() == PacketPath.Outcome.DELIVERED || forward.outcome() == PacketPath.Outcome.LEFT_THE_LAB) {
                direction = Direction.REPLY;
                replyStart(forward).ifPresent(this::walk);
            }
            return new PacketPath(flow, markUnobservable(), forward.outcome(), List.copyOf(notes));
        }

        /**
         * The VPC's hops and the load balancer's are derived from the cluster state; where the backend cannot read
         * what they did (on AWS: the VPC router, the NLB's internals) each is marked with the backend's reason.
         */
        private List<Hop> markUnobservable() {
            List<Hop> marked = new ArrayList<>(hops.size());
            for (Hop h : hops) {
                boolean derived = (h.kind() == HopKind.FABRIC && VPC.equals(h.machine())) || h.kind() == HopKind.LOAD_BALANCER;
                Optional<String> why = derived ? kernel.notObservable(h.machine()) : Optional.empty();
                marked.add(why.map(h::unobservable).orElse(h));
            }
            return marked;
        }

        private Optional<Visit> start() {
            int sport = 0;
            Packet p = new Packet(flow.from().address(), flow.to().address(), flow.protocol(), sport, flow.port(), 0, 0,
                    "", "", true);
            if (flow.from() instanceof Place.Pod pod) {
                return Optional.of(new Visit(pod.pod().machine(), "", p));
            }
            if (flow.from() instanceof Place.Node node) {
                return Optional.of(new Visit(node.node().name(), "", p));
            }
            notes.add("a flow starts at a pod or a node; " + flow.from().label() + " is neither, so there is no machine whose"
                    + " state says where its packets go");
            return Optional.empty();
        }

        private End walk(Visit first) {
            Next next = first;
            for (int i = 0; i < MAX_MACHINES && next instanceof Visit v; i++) {
                next = visit(v);
            }
            if (next instanceof End e) {
                return e;
            }
            notes.add("the packet crossed more than " + MAX_MACHINES + " machines: a routing loop? stopped there");
            return new End(PacketPath.Outcome.UNRESOLVED, "", ((Visit) next).packet());
        }

        private Next visit(Visit v) {
            Optional<ClusterPod> pod = cluster.pods().stream().filter(p -> p.machine().equals(v.machine())).findFirst();
            if (pod.isPresent()) {
                return visitPod(pod.get(), v);
            }
            return visitNode(v);
        }

        // --- pods -------------------------------------------------------------------------------------

        private Next visitPod(ClusterPod pod, Visit v) {
            Packet p = v.packet();
            String m = pod.machine();
            if (!v.iif().isEmpty()) {
                add(m, HopKind.INTERFACE, "in", "eth0", pod.name() + " eth0 (" + pod.ip() + "/32)", p, "ip -s link show eth0");
                if (p.dst().equals(pod.ip())) {
                    add(m, HopKind.ENDPOINT, "delivered", pod.name(), "the pod's own address", p, "ip addr show eth0");
                    return new End(PacketPath.Outcome.DELIVERED, m, p);
                }
                notes.add(pod.name() + " received a packet for " + p.dst() + ", which is not its address");
                return new End(PacketPath.Outcome.UNRESOLVED, m, p);
            }
            add(m, HopKind.ENDPOINT, "sends", pod.name(), "from " + pod.ip(), p, "ip addr show eth0");
            Optional<RouteLookup> route = kernel.route(m, RouteQuery.local(p.dst()));
            if (route.isPresent()) {
                RouteLookup r = route.get();
                if (r.error().isPresent()) {
                    return refused(m, RouteQuery.local(p.dst()), r, p);
                }
                add(m, HopKind.ROUTE, "routing", "route " + PolicyRules.tableName(r.table()), routeText(r), p,
                        RouteQuery.local(p.dst()).command());
            } else {
                addWithNote(m, HopKind.ROUTE, "routing", "route main", "default via 169.254.1.1 dev eth0", p,
                        "ip route", "the pod's routes were not read; every VPC CNI pod has only 'default via 169.254.1.1"
                                + " dev eth0', whose neighbour entry is the host veth's MAC");
            }
            add(m, HopKind.INTERFACE, "out", "eth0", "eth0 → " + pod.hostVeth() + " on " + pod.node() + " (veth pair)", p,
                    "ip -s link show eth0");
            return new Visit(pod.node(), pod.hostVeth(), p);
        }

        // --- nodes ------------------------------------------------------------------------------------

        private Next visitNode(Visit v) {
            String m = v.machine();
            Optional<MachineState> state = kernel.machine(m);
            if (state.isEmpty()) {
                notes.add(m + "'s state was not read, so its rules and routes are unknown");
                return new End(PacketPath.Outcome.UNRESOLVED, m, v.packet());
            }
            MachineState st = state.get();
            st.problems().forEach(pr -> notes.add(m + ": " + pr));
            Packet p = v.packet();
            if (!direction.equals(Direction.FORWARD)) {
                p = p.withConnectionMark(connectionMarks.getOrDefault(m, 0L));
            }
            RouteLookup route;
            if (v.iif().isEmpty()) {
                add(m, HopKind.ENDPOINT, "sends", m, "from the node itself", p, "ip -br addr");
                RouteQuery q = RouteQuery.local(p.dst());
                Optional<RouteLookup> r = ask(m, q, p);
                if (r.isEmpty()) {
                    return new End(PacketPath.Outcome.UNRESOLVED, m, p);
                }
                route = r.get();
                if (route.error().isPresent()) {
                    return refused(m, q, route, p);
                }
                if (p.src().isEmpty() && !route.src().isEmpty()) {
                    p = p.withSource(route.src(), p.sport());
                }
                routeHops(st, m, q, route, p, "");
                p = p.withInterfaces("", route.dev());
                String dstBefore = p.dst();
                Optional<Packet> out = hook(st, m, "OUTPUT", List.of("raw", "mangle", "nat", "filter"), p);
                if (out.isEmpty()) {
                    return new End(PacketPath.Outcome.DROPPED, m, p);
                }
                p = out.get();
                if (!p.dst().equals(dstBefore)) {
                    // OUTPUT's DNAT changed the destination: the kernel routes the packet again
                    RouteQuery again = RouteQuery.local(p.dst());
                    Optional<RouteLookup> r2 = ask(m, again, p);
                    if (r2.isEmpty()) {
                        return new End(PacketPath.Outcome.UNRESOLVED, m, p);
                    }
                    route = r2.get();
                    if (route.error().isPresent()) {
                        return refused(m, again, route, p);
                    }
                    routeHops(st, m, again, route, p, "");
                    p = p.withInterfaces("", route.dev());
                }
                if (route.local()) {
                    add(m, HopKind.ENDPOINT, "delivered", m, "a local address of " + m, p, "ip route show table local");
                    return new End(PacketPath.Outcome.DELIVERED, m, p);
                }
            } else {
                p = p.withInterfaces(v.iif(), "");
                add(m, HopKind.INTERFACE, "in", v.iif(), describeDevice(m, v.iif()), p, "ip -s link show " + v.iif());
                Optional<Packet> pre = hook(st, m, "PREROUTING", List.of("raw", "mangle"), p);
                if (pre.isEmpty()) {
                    return new End(PacketPath.Outcome.DROPPED, m, p);
                }
                p = pre.get();
                if (direction == Direction.REPLY) {
                    // conntrack undoes the SNAT at the nat hook's priority: mangle saw the address it was sent to
                    p = undoSourceNat(m, p);
                }
                pre = hook(st, m, "PREROUTING", List.of("nat"), p);
                if (pre.isEmpty()) {
                    return new End(PacketPath.Outcome.DROPPED, m, p);
                }
                p = pre.get();
                RouteQuery q = new RouteQuery(p.dst(), p.src(), v.iif(), p.mark() == 0 ? "" : "0x" + Long.toHexString(p.mark()));
                Optional<RouteLookup> r = ask(m, q, p);
                if (r.isEmpty()) {
                    return new End(PacketPath.Outcome.UNRESOLVED, m, p);
                }
                route = r.get();
                if (route.error().isPresent()) {
                    return refused(m, q, route, p);
                }
                routeHops(st, m, q, route, p, v.iif());
                if (route.local()) {
                    Optional<Packet> in = hook(st, m, "INPUT", List.of("mangle", "nat", "filter"), p);
                    if (in.isEmpty()) {
                        return new End(PacketPath.Outcome.DROPPED, m, p);
                    }
                    add(m, HopKind.ENDPOINT, "delivered", m, "a local address of " + m, in.get(), "ip route show table local");
                    return new End(PacketPath.Outcome.DELIVERED, m, in.get());
                }
                p = p.withInterfaces(v.iif(), route.dev());
                Optional<Packet> fwd = hook(st, m, "FORWARD", List.of("mangle", "filter"), p);
                if (fwd.isEmpty()) {
                    return new End(PacketPath.Outcome.DROPPED, m, p);
                }
                p = fwd.get();
            }
            Optional<Packet> post = hook(st, m, "POSTROUTING", List.of("mangle", "nat"), p);
            if (post.isEmpty()) {
                return new End(PacketPath.Outcome.DROPPED, m, p);
            }
            p = post.get();
            if (direction == Direction.REPLY) {
                p = undoDestinationNat(m, p);
            }
            if (direction == Direction.FORWARD) {
                connectionMarks.put(m, p.ctmark());
            }
            add(m, HopKind.INTERFACE, "out", route.dev(), describeDevice(m, route.dev()), p, "ip -s link show " + route.dev());
            return leave(m, route, p);
        }

        private Optional<RouteLookup> ask(String m, RouteQuery q, Packet p) {
            Optional<RouteLookup> r = kernel.route(m, q);
            if (r.isEmpty()) {
                notes.add(m + ": the kernel was not asked '" + q.command() + "', so the route after this point is unknown");
            }
            return r;
        }

        private End refused(String m, RouteQuery q, RouteLookup r, Packet p) {
            Hop h = new Hop(direction, m, HopKind.ROUTE, "routing", "no route", q.command() + ": " + r.error().orElse(""),
                    p.addresses(), Optional.empty(), Optional.empty(), OptionalLong.empty(), true,
                    List.of("the kernel has no route for this packet and drops it"), q.command());
            hops.add(h);
            return new End(PacketPath.Outcome.DROPPED, m, p);
        }

        private void routeHops(MachineState st, String m, RouteQuery q, RouteLookup r, Packet p, String iif) {
            Optional<IpRuleEntry> rule = PolicyRules.chosen(st.ipRules(), p, iif, r.table());
            if (rule.isPresent()) {
                add(m, HopKind.POLICY_RULE, "routing", "ip rule " + rule.get().priority().orElse(0), PolicyRules.describe(rule.get()),
                        p, "ip rule");
            } else {
                addWithNote(m, HopKind.POLICY_RULE, "routing", "ip rule", "lookup " + PolicyRules.tableName(r.table()), p, "ip rule",
                        st.ipRules().isEmpty() ? "ip rule was not read on " + m
                                : "no rule read on " + m + " selects this packet for table " + r.table());
            }
            add(m, HopKind.ROUTE, "routing", "route " + PolicyRules.tableName(r.table()), routeText(r), p, q.command());
        }

        private String routeText(RouteLookup r) {
            StringBuilder b = new StringBuilder();
            if (!"unicast".equals(r.type())) {
                b.append(r.type()).append(' ');
            }
            b.append(r.destination());
            if (!r.via().isEmpty()) {
                b.append(" via ").append(r.via());
            }
            b.append(" dev ").append(r.dev());
            if (!"main".equals(r.table())) {
                b.append(" table ").append(r.table());
            }
            if (!r.src().isEmpty()) {
                b.append(" src ").append(r.src());
            }
            return b.toString();
        }

        /** Runs the packet through one hook's tables; empty when a rule or policy drops it. */
        private Optional<Packet> hook(MachineState st, String m, String hook, List<String> tables, Packet in) {
            Packet p = in;
            Ruleset rules = st.rules();
            for (String table : tables) {
                if (!rules.hasTable(table)) {
                    continue;
                }
                if ("nat".equals(table) && !p.firstOfConnection()) {
                    // only a connection's first packet crosses the nat table; conntrack rewrites the rest
                    continue;
                }
                Set<String> local = new HashSet<>(st.localAddresses());
                cluster.node(m).ifPresent(n -> local.addAll(n.addresses()));
                ChainWalk walk = new ChainWalk(rules, new MatchContext(local, chosenEndpoints(st, p)));
                ChainWalk.Result result = walk.run(table, hook, p);
                result.unreadable().forEach(u -> notes.add(m + ": " + u));
                for (ChainWalk.Step s : result.steps()) {
                    stepHop(st, m, hook, s);
                }
                Packet after = result.packet();
                if (after.src().isEmpty()) {
                    // MASQUERADE: the address of the device the packet leaves by
                    after = after.withSource(deviceAddress(m, after.out()), after.sport());
                    Hop last = hops.remove(hops.size() - 1);
                    hops.add(new Hop(last.direction(), last.machine(), last.kind(), last.stage(), last.object(), last.matched(),
                            after.addresses(), Optional.of(new Rewrite("source", endpoint(p.src(), p.sport()),
                            endpoint(after.src(), after.sport()))), last.counter(), last.packets(), last.drops(), last.notes(),
                            last.showCommand()));
                }
                if (direction == Direction.FORWARD && (!after.src().equals(p.src()) || !after.dst().equals(p.dst()))) {
                    boolean dnat = !after.dst().equals(p.dst());
                    nats.add(new NatDone(m, dnat, dnat ? p.dst() : p.src(), dnat ? p.dport() : p.sport(),
                            dnat ? after.dst() : after.src(), dnat ? after.dport() : after.sport()));
                    conntrackHop(st, m, p, after, dnat);
                }
                p = after;
                if (result.dropped()) {
                    return Optional.empty();
                }
            }
            return Optional.of(p);
        }

        private void stepHop(MachineState st, String m, String hook, ChainWalk.Step s) {
            String show = "iptables -t " + s.table() + " -L " + s.chain() + " -n -v -x --line-numbers";
            Optional<Rewrite> rewrite = rewrite(s.before(), s.after());
            if (s.rule().isPresent()) {
                var r = s.rule().get();
                boolean drops = r.target() instanceof Target.Verdict v && v.drops();
                List<Choice> choices = r.target() instanceof Target.Jump j ? endpointChoices(st.rules(), m, s.table(), s.chain(),
                        j.name()) : List.of();
                hops.add(new Hop(direction, m, HopKind.NETFILTER_RULE, hook, s.table() + " " + s.chain() + " #" + r.position(),
                        r.text(), s.after().addresses(), rewrite, Optional.of(new CounterId(m, s.table(), s.chain(), r.key())),
                        r.packets(), drops, s.notes(), show, choices));
                return;
            }
            Ruleset.Chain chain = st.rules().chain(s.table(), s.chain()).orElseThrow();
            boolean counts = st.rules().policyCounters();
            boolean drops = "DROP".equals(s.policy());
            if (!counts && chain.rules().isEmpty() && !drops) {
                return; // an empty chain that accepts: nothing to see and nothing counts
            }
            List<String> hopNotes = new ArrayList<>(s.notes());
            if (!counts && policyNoteGiven.add(m)) {
                notes.add(m + ": iptables-nft keeps no counters for built-in chains' policies (nftables base chains"
                        + " have none), so policy hops show no counter there");
            }
            hops.add(new Hop(direction, m, HopKind.CHAIN_POLICY, hook, s.table() + " " + s.chain() + " policy",
                    "policy " + s.policy(), s.after().addresses(), Optional.empty(),
                    counts ? Optional.of(new CounterId(m, s.table(), s.chain(), chain.policyKey())) : Optional.empty(),
                    counts ? chain.policyPackets() : OptionalLong.empty(), drops, hopNotes, show));
        }

        /**
         * When {@code followed} is an endpoint chain (one that DNATs), every endpoint chain {@code chain} jumps
         * to, with the chance each gets a new connection: kube-proxy writes {@code --probability 1/n}, then
         * {@code 1/(n-1)} … and a last rule without one, so each rule's chance is its probability times what the
         * rules before it left. Empty when {@code followed} DNATs nothing (KUBE-MARK-MASQ, a Service chain).
         */
        private List<Choice> endpointChoices(Ruleset rules, String m, String table, String chain, String followed) {
            if (dnatRule(rules, table, followed).isEmpty()) {
                return List.of();
            }
            List<Choice> choices = new ArrayList<>();
            double left = 1.0;
            for (var rule : rules.chain(table, chain).map(Ruleset.Chain::rules).orElse(List.of())) {
                if (!(rule.target() instanceof Target.Jump j)) {
                    continue;
                }
                Optional<io.labbench.packetpath.netfilter.NetfilterRule> dnat = dnatRule(rules, table, j.name());
                if (dnat.isEmpty()) {
                    continue;
                }
                double p = 1.0;
                for (var match : rule.matches()) {
                    if (match instanceof io.labbench.packetpath.netfilter.Match.Random random) {
                        p *= random.probability();
                    }
                }
                Target.Nat nat = (Target.Nat) dnat.get().target();
                choices.add(new Choice(j.name(), endpoint(nat.address(), nat.port()), left * p,
                        Optional.of(new CounterId(m, table, j.name(), dnat.get().key())), j.name().equals(followed)));
                left *= 1.0 - p;
            }
            return choices;
        }

        private Optional<io.labbench.packetpath.netfilter.NetfilterRule> dnatRule(Ruleset rules, String table, String chain) {
            return rules.chain(table, chain).stream().flatMap(c -> c.rules().stream())
                    .filter(r -> r.target() instanceof Target.Nat n && n.destination()).findFirst();
        }

        /** The conntrack entry the NAT created, checked against the rewrite the rules say. */
        private void conntrackHop(MachineState st, String m, Packet before, Packet after, boolean dnat) {
            Optional<ConntrackEntry> entry = latestEntry(st, before.proto(), original.src(), original.dst());
            String show = "conntrack -L -p " + before.proto() + " -s " + original.src();
            if (entry.isEmpty()) {
                addWithNote(m, HopKind.CONNTRACK, "conntrack", "conntrack", "no entry read for " + original.addresses(), after, show,
                        "conntrack on " + m + " showed no entry for this flow when it was read (none yet, or it expired)");
                return;
            }
            ConntrackEntry e = entry.get();
            String text = "orig " + e.original().text() + " | reply " + e.reply().text();
            List<String> hopNotes = new ArrayList<>();
            String seen = dnat ? e.reply().src() : e.reply().dst();
            String said = dnat ? after.dst() : after.src();
            hopNotes.add(seen.equals(said) ? "conntrack agrees: " + (dnat ? "destination " : "source ") + said
                    : "conntrack shows " + seen + " where the rules say " + said);
            hops.add(new Hop(direction, m, HopKind.CONNTRACK, "conntrack", "conntrack " + e.proto(), text, after.addresses(),
                    Optional.empty(), Optional.empty(), OptionalLong.empty(), false, hopNotes, show));
        }

        /**
         * The endpoint the kernel picked for this flow, from its conntrack entry: the walk follows the endpoint
         * chain that DNATs there. One entry only — the same one {@link #conntrackHop} shows — so a second curl that
         * went elsewhere does not make the walk follow the first connection while conntrack shows the second.
         */
        private Set<String> chosenEndpoints(MachineState st, Packet p) {
            return latestEntry(st, p.proto(), p.src(), p.dst()).map(e -> Set.of(e.reply().src())).orElse(Set.of());
        }

        /**
         * Of the entries for {@code src → dst}, the most recently active: the one with the most time left, within the
         * state that lasts longest (a live connection before one in TIME_WAIT or CLOSE). conntrack keeps no start time
         * by default, and a timer restarts with every packet, so the largest timeout is the newest traffic. A
         * connection still closing (FIN_WAIT, CLOSE_WAIT, LAST_ACK: timers of 30–120 s) is newer than any that has
         * finished closing, whatever their timers say: a curl that just ended sits in LAST_ACK for a moment with less
         * time left than the previous curl's TIME_WAIT, and two reads a second apart would follow different connections.
         */
        private Optional<ConntrackEntry> latestEntry(MachineState st, String proto, String src, String dst) {
            return st.conntrack().stream()
                    .filter(e -> e.proto().equals(proto) && e.original().src().equals(src) && e.original().dst().equals(dst))
                    .max(java.util.Comparator.comparingInt(PathResolver::liveness)
                            .thenComparingLong(e -> e.timeout().orElse(0L)));
        }

        private Packet undoSourceNat(String m, Packet p) {
            for (NatDone n : nats) {
                if (n.machine().equals(m) && !n.destination() && n.after().equals(p.dst())) {
                    // the port too: SNAT with --random-fully may have changed it (0: the rules did not say)
                    int port = n.beforePort() > 0 && n.afterPort() == p.dport() ? n.beforePort() : p.dport();
                    Packet back = p.withDestination(n.before(), port);
                    add(m, HopKind.CONNTRACK, "PREROUTING", "conntrack reverse SNAT",
                            "reply to " + n.after() + " goes back to " + n.before(), back, rewrite(p, back),
                            "conntrack -L -d " + n.after());
                    return back;
                }
            }
            return p;
        }

        private Packet undoDestinationNat(String m, Packet p) {
            for (NatDone n : nats) {
                if (n.machine().equals(m) && n.destination() && n.after().equals(p.src())) {
                    // the port too: a Service's DNAT maps port 80 to the endpoint's 8080
                    Packet back = p.withSource(n.before(), n.beforePort() > 0 ? n.beforePort() : p.sport());
                    add(m, HopKind.CONNTRACK, "POSTROUTING", "conntrack reverse DNAT",
                            "reply from " + n.after() + " leaves as " + n.before(), back, rewrite(p, back),
                            "conntrack -L -s " + original.src());
                    return back;
                }
            }
            return p;
        }

        // --- between machines -------------------------------------------------------------------------

        private Next leave(String m, RouteLookup route, Packet p) {
            String dev = route.dev();
            Optional<ClusterPod> pod = cluster.podWithHostVeth(m, dev);
            if (pod.isPresent()) {
                return new Visit(pod.get().machine(), "eth0", p);
            }
            Optional<ClusterNode> node = cluster.node(m);
            boolean eni = node.map(n -> n.enis().stream().anyMatch(e -> e.device().equals(dev))).orElse(false);
            if (!eni) {
                notes.add(m + " sends the packet out of " + dev + ", which is neither a pod's veth nor an ENI the cluster"
                        + " state names");
                return new End(PacketPath.Outcome.UNRESOLVED, m, p);
            }
            return acrossVpc(m, route, p);
        }

        private Next acrossVpc(String from, RouteLookup route, Packet p) {
            Optional<RouteLookup> vpcAnswer = kernel.route(VPC, RouteQuery.local(p.dst()));
            List<String> fabricNotes = new ArrayList<>();
            String fabricRoute = vpcAnswer.map(this::routeText).orElse("");
            Optional<String> vpcHidden = kernel.notObservable(VPC);
            if (vpcHidden.isPresent()) {
                notes.add("The VPC's own routing is not observable on this backend (" + vpcHidden.get() + "): the hop across"
                        + " the subnet is derived from which ENI owns the destination");
            } else if (vpcAnswer.isEmpty()) {
                notes.add("The VPC's own routing is not observable here (on AWS the VPC router and the delivery to the ENI"
                        + " that holds an address are AWS's): the hop across the subnet is derived from which ENI owns the"
                        + " destination");
            } else {
                fabricNotes.add("the local lab's VPC namespace answered: " + fabricRoute);
            }
            Optional<LoadBalancer> lb = cluster.loadBalancers().stream().filter(l -> l.addresses().contains(p.dst())).findFirst();
            if (lb.isPresent() && direction == Direction.REPLY && loadBalancerNat.isPresent()
                    && loadBalancerNat.get().lb().equals(lb.get())) {
                return backThroughLoadBalancer(loadBalancerNat.get(), from, p);
            }
            if (lb.isPresent()) {
                return throughLoadBalancer(lb.get(), p);
            }
            Optional<ClusterPod> pod = cluster.podWithAddress(p.dst());
            Optional<ClusterNode> owner = pod.flatMap(x -> cluster.node(x.node())).or(() -> cluster.nodeWithAddress(p.dst()));
            String via = route.via().isEmpty() ? "directly in the subnet" : "via " + route.via();
            if (owner.isPresent()) {
                ClusterNode n = owner.get();
                String iif = arrivalDevice(n, p.dst(), fabricNotes);
                hops.add(new Hop(direction, VPC, HopKind.FABRIC, "VPC", "VPC subnet", from + " → " + via + " → " + n.name() + " "
                        + iif + (fabricRoute.isEmpty() ? "" : " (" + fabricRoute + ")"), p.addresses(), Optional.empty(),
                        Optional.empty(), OptionalLong.empty(), false, fabricNotes, "ip route get " + p.dst()));
                return new Visit(n.name(), iif, p);
            }
            boolean inVpc = Ipv4Cidr.parse(cluster.vpcCidr()).map(c -> c.contains(p.dst())).orElse(false);
            if (inVpc) {
                notes.add(p.dst() + " is in the VPC (" + cluster.vpcCidr() + ") but no node, pod or load balancer the cluster"
                        + " state lists owns it");
                return new End(PacketPath.Outcome.UNRESOLVED, VPC, p);
            }
            hops.add(new Hop(direction, VPC, HopKind.FABRIC, "VPC", "internet gateway", from + " → " + via + " → internet gateway"
                    + (fabricRoute.isEmpty() ? "" : " (" + fabricRoute + ")"), p.addresses(), Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), false, fabricNotes, "ip route get " + p.dst()));
            hops.add(new Hop(direction, INTERNET, HopKind.ENDPOINT, "outside", flow.to().label(), "outside the VPC: "
                    + p.dst(), p.addresses(), Optional.empty(), Optional.empty(), OptionalLong.empty(), false,
                    List.of("what happens past the internet gateway is outside the lab: only the answer comes back"), ""));
            return new End(PacketPath.Outcome.LEFT_THE_LAB, INTERNET, p);
        }

        /** Listener → target group → target; the target is then reached across the VPC (forward only). */
        private Next throughLoadBalancer(LoadBalancer lb, Packet p) {
            Optional<LoadBalancer.Listener> listener = lb.listeners().stream().filter(l -> l.port() == p.dport()).findFirst();
            if (listener.isEmpty()) {
                notes.add(lb.name() + " has no listener on port " + p.dport());
                return new End(PacketPath.Outcome.DROPPED, lb.name(), p);
            }
            LoadBalancer.TargetGroup tg = listener.get().targetGroup();
            add(lb.name(), HopKind.LOAD_BALANCER, "listener", "listener " + listener.get().protocol() + ":" + listener.get().port(),
                    lb.dnsName(), p, "aws elbv2 describe-listeners");
            add(lb.name(), HopKind.LOAD_BALANCER, "target group", tg.name(), "target type " + tg.targetType() + ", port " + tg.port(),
                    p, "aws elbv2 describe-target-health");
            Optional<LoadBalancer.Target> target = tg.targets().stream().filter(t -> "healthy".equals(t.health())).findFirst()
                    .or(() -> tg.targets().stream().findFirst());
            if (target.isEmpty()) {
                notes.add(tg.name() + " has no registered targets");
                return new End(PacketPath.Outcome.DROPPED, lb.name(), p);
            }
            LoadBalancer.Target t = target.get();
            Packet to = p.withDestination(t.ip(), t.port()).withSource(lb.addresses().get(0), p.sport());
            hops.add(new Hop(direction, lb.name(), HopKind.LOAD_BALANCER, "target", "target " + t.id(), t.ip() + ":" + t.port()
                    + " (" + t.health() + ")", to.addresses(), Optional.of(new Rewrite("destination", endpoint(p.dst(), p.dport()),
                    endpoint(to.dst(), to.dport()))), Optional.empty(), OptionalLong.empty(), false,
                    List.of("the NLB picks a target per flow by hash; shown: the first healthy one",
                            "the source becomes the NLB's address " + to.src() + " unless client IP preservation is on"),
                    "aws elbv2 describe-target-health"));
            loadBalancerNat = Optional.of(new LoadBalancerNat(lb, listener.get(), p.src(), p.sport(), to.src(), t.ip(), t.port()));
            Optional<ClusterPod> pod = cluster.podWithAddress(t.ip());
            Optional<ClusterNode> owner = pod.flatMap(x -> cluster.node(x.node())).or(() -> cluster.nodeWithAddress(t.ip()));
            if (owner.isEmpty()) {
                return new End(PacketPath.Outcome.UNRESOLVED, lb.name(), to);
            }
            return new Visit(owner.get().name(), arrivalDevice(owner.get(), t.ip(), new ArrayList<>()), to);
        }

        /**
         * The target's reply reaches the load balancer address, and the NLB's flow table (its conntrack) sends it
         * back to the client from the listener: source target → listener, destination NLB → client. What the NLB
         * keeps is not observable (on AWS, nor on the local lab's stand-in); the rewrite is the forward one undone.
         */
        private Next backThroughLoadBalancer(LoadBalancerNat nat, String from, Packet p) {
            String listenerAddress = nat.lb().addresses().get(0);
            hops.add(new Hop(direction, VPC, HopKind.FABRIC, "VPC", "VPC subnet", from + " → " + nat.lbAddress() + " ("
                    + nat.lb().name() + ")", p.addresses(), Optional.empty(), Optional.empty(), OptionalLong.empty(), false,
                    List.of(), "ip route get " + p.dst()));
            Packet toClient = p.withDestination(nat.client(), nat.clientPort());
            hops.add(new Hop(direction, nat.lb().name(), HopKind.LOAD_BALANCER, "flow table", "flow " + nat.client() + " ⇄ "
                    + nat.target(), "reply of " + endpoint(nat.target(), nat.targetPort()) + " goes back to the client "
                    + endpoint(nat.client(), nat.clientPort()), toClient.addresses(), rewrite(p, toClient), Optional.empty(),
                    OptionalLong.empty(), false, List.of("the NLB keeps each flow's translation, as conntrack does on a node;"
                    + " it is not observable, so this is the forward rewrite undone"), "aws elbv2 describe-target-health"));
            Packet fromListener = toClient.withSource(listenerAddress, nat.listener().port());
            add(nat.lb().name(), HopKind.LOAD_BALANCER, "listener", "listener " + nat.listener().protocol() + ":"
                    + nat.listener().port(), nat.lb().dnsName(), fromListener, rewrite(toClient, fromListener),
                    "aws elbv2 describe-listeners");
            Optional<ClusterPod> pod = cluster.podWithAddress(nat.client());
            Optional<ClusterNode> owner = pod.flatMap(x -> cluster.node(x.node())).or(() -> cluster.nodeWithAddress(nat.client()));
            if (owner.isEmpty()) {
                notes.add("the reply goes to the client " + nat.client() + ", which no node or pod the cluster state lists owns:"
                        + " not traced past the NLB");
                return new End(PacketPath.Outcome.UNRESOLVED, nat.lb().name(), fromListener);
            }
            List<String> fabricNotes = new ArrayList<>();
            String iif = arrivalDevice(owner.get(), nat.client(), fabricNotes);
            hops.add(new Hop(direction, VPC, HopKind.FABRIC, "VPC", "VPC subnet", nat.lb().name() + " → " + owner.get().name() + " "
                    + iif, fromListener.addresses(), Optional.empty(), Optional.empty(), OptionalLong.empty(), false, fabricNotes,
                    ""));
            return new Visit(owner.get().name(), iif, fromListener);
        }

        private String arrivalDevice(ClusterNode n, String address, List<String> fabricNotes) {
            Optional<String> proxied = kernel.machine(n.name()).map(s -> s.proxyNeighbours().get(address));
            if (proxied.isPresent()) {
                fabricNotes.add(n.name() + " answers ARP for " + address + " on " + proxied.get() + " (ip neigh show proxy)");
                return proxied.get();
            }
            Optional<ClusterNode.Eni> own = n.enis().stream().filter(e -> e.ip().equals(address)).findFirst();
            if (own.isPresent()) {
                return own.get().device();
            }
            String primary = n.enis().isEmpty() ? "ens5" : n.enis().get(0).device();
            fabricNotes.add("which of " + n.name() + "'s ENIs holds " + address + " is the CNI's (ipamd) to know and was not"
                    + " read: assumed " + primary);
            return primary;
        }

        private Optional<Visit> replyStart(End forward) {
            Packet r = forward.packet().reply();
            if (forward.outcome() == PacketPath.Outcome.LEFT_THE_LAB) {
                Optional<ClusterNode> owner = cluster.nodeWithAddress(r.dst());
                if (owner.isEmpty()) {
                    notes.add("the reply goes to " + r.dst() + ", which no node owns: not traced");
                    return Optional.empty();
                }
                String iif = arrivalDevice(owner.get(), r.dst(), new ArrayList<>());
                hops.add(new Hop(direction, VPC, HopKind.FABRIC, "VPC", "internet gateway", "internet → internet gateway → "
                        + owner.get().name() + " " + iif, r.addresses(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                        false, List.of(), ""));
                return Optional.of(new Visit(owner.get().name(), iif, r));
            }
            return Optional.of(new Visit(forward.where(), "", r));
        }

        // --- hop helpers ------------------------------------------------------------------------------

        private void add(String m, HopKind kind, String stage, String object, String matched, Packet p, String show) {
            hops.add(new Hop(direction, m, kind, stage, object, matched, p.addresses(), Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), false, List.of(), show));
        }

        private void add(String m, HopKind kind, String stage, String object, String matched, Packet p,
                         Optional<Rewrite> rewrite, String show) {
            hops.add(new Hop(direction, m, kind, stage, object, matched, p.addresses(), rewrite, Optional.empty(),
                    OptionalLong.empty(), false, List.of(), show));
        }

        private void addWithNote(String m, HopKind kind, String stage, String object, String matched, Packet p, String show,
                                 String note) {
            hops.add(new Hop(direction, m, kind, stage, object, matched, p.addresses(), Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), false, List.of(note), show));
        }

        private String describeDevice(String m, String dev) {
            Optional<ClusterPod> pod = cluster.podWithHostVeth(m, dev);
            if (pod.isPresent()) {
                return dev + " (host side of " + pod.get().name() + "'s veth)";
            }
            return cluster.node(m).flatMap(n -> n.enis().stream().filter(e -> e.device().equals(dev)).findFirst())
                    .map(e -> dev + " (ENI " + e.ip() + ")").orElse(dev);
        }

        private String deviceAddress(String m, String dev) {
            return cluster.node(m).flatMap(n -> n.enis().stream().filter(e -> e.device().equals(dev)).findFirst())
                    .map(ClusterNode.Eni::ip).orElse("?");
        }
    }

    private static Optional<Rewrite> rewrite(Packet before, Packet after) {
        if (!before.src().equals(after.src()) || before.sport() != after.sport()) {
            return Optional.of(new Rewrite("source", endpoint(before.src(), before.sport()), endpoint(after.src(), after.sport())));
        }
        if (!before.dst().equals(after.dst()) || before.dport() != after.dport()) {
            return Optional.of(new Rewrite("destination", endpoint(before.dst(), before.dport()),
                    endpoint(after.dst(), after.dport())));
        }
        return Optional.empty();
    }

    private static String endpoint(String address, int port) {
        return port > 0 ? address + ":" + port : address;
    }

    /** 2: an open connection; 1: one still closing; 0: one done (TIME_WAIT, CLOSE) or without TCP state (UDP, ICMP). */
    private static int liveness(ConntrackEntry e) {
        String state = e.state() == null ? "" : e.state();
        return switch (state) {
            case "ESTABLISHED" -> 2;
            case "SYN_SENT", "SYN_RECV", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK" -> 1;
            default -> 0;
        };
    }
}
