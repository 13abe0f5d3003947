package io.labbench.app.cli;

import io.labbench.app.path.LocalLabPathSource;
import io.labbench.app.path.PathSource;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathJson;
import io.labbench.packetpath.PathText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code labbench path FROM TO [--json]}: where a packet goes on the running local lab, hop by hop. */
@Command(name = "path", description = {
        "Show where a packet from FROM to TO goes on the running local lab, hop by hop: each hop's machine, object"
                + " (interface, ip rule, route, iptables chain and rule), the rule that matched, the address rewrite and"
                + " its counter; then the reply.",
        "FROM/TO: a pod (pod-1, kube-system/coredns-…), a node (worker1), an IPv4 address, svc/NAME[:PORT] or a"
                + " name the lab knows (internet, api.<cluster>)."})
public final class PathCommand implements Callable<Integer> {

    /** Exit code when FROM or TO names nothing (picocli's usage error code). */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM", description = "Where the packet starts: a pod or a node.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Where it goes: pod, node, address, svc/NAME[:PORT] or a name.")
    String to;

    @Option(names = "--json", description = "Print JSON: flow, outcome, hops[] (direction, machine, kind, stage, object, matched,"
            + " packet, rewrite, counter {machine, table, chain, key, packets}, drops, notes, show), notes[].")
    boolean json;

    @Option(names = {"-p", "--protocol"}, paramLabel = "icmp|tcp|udp",
            description = "Protocol (default: icmp, or the Service's protocol for svc/NAME).")
    String protocol = "";

    @Option(names = "--port", paramLabel = "N", description = "Destination port for tcp/udp (default: the Service's port).")
    int port;

    @Option(names = "--prefix", hidden = true, description = "Name prefix of the lab's kernel objects.")
    String prefix = LabSettings.DEFAULT_PREFIX;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    int run(PrintWriter out, PrintWriter err) {
        if (!protocol.isEmpty() && !java.util.List.of("icmp", "tcp", "udp").contains(protocol)) {
            err.println("--protocol " + protocol + ": expected icmp, tcp or udp");
            err.flush();
            return BAD_INPUT;
        }
        Optional<LocalLabPathSource> lab = LocalLabPathSource.running(LabUpCommand.settings(prefix));
        if (lab.isEmpty()) {
            err.println("the local lab is not running: start it with 'labbench lab up' (or open the window), then ask again");
            err.flush();
            return LabStatusCommand.NOT_RUNNING;
        }
        try (LocalLabPathSource source = lab.get()) {
            PacketPath path = source.resolve(from, to, protocol, port);
            out.print(json ? PathJson.write(path, Map.of()) + "\n" : PathText.render(path));
            out.flush();
            return 0;
        } catch (PathSource.PathInputException e) {
            err.println(e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("could not read the lab: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
