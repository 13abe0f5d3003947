package io.labbench.packetpath.live;

import io.labbench.netparse.model.RouteLookup;
import io.labbench.netparse.parsers.IpRouteGetParser;
import io.labbench.packetpath.kernel.KernelView;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.kernel.RouteQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KernelView} that asks the running machines: each machine's state is read once, each route
 * question asked once (a path is a snapshot of one moment; refreshing counters is {@link CounterReading}'s
 * job). Pods and the VPC are asked routes only: their iptables are not the node's and are not read.
 * Machines that cannot be reached are remembered as problems, not thrown.
 */
public final class LiveKernel implements KernelView {
    private final MachineShell shell;
    private final Map<String, Optional<MachineState>> machines = new ConcurrentHashMap<>();
    private final Map<String, Optional<RouteLookup>> routes = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public LiveKernel(MachineShell shell) {
        this.shell = shell;
    }

    @Override
    public Optional<MachineState> machine(String machine) {
        if (machine.startsWith("pod/") || "vpc".equals(machine)) {
            return Optional.empty();
        }
        return machines.computeIfAbsent(machine, m -> {
            try {
                return Optional.of(MachineReader.read(m, shell));
            } catch (IOException e) {
                problem("could not read " + m + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<RouteLookup> route(String machine, RouteQuery query) {
        return routes.computeIfAbsent(machine + " " + query.command(), k -> {
            try {
                MachineShell.Output out = shell.run(machine, query.command());
                IpRouteGetParser.Result r = IpRouteGetParser.parse(out.stdout() + out.stderr());
                if (r.lookup().isEmpty()) {
                    problem(machine + ": '" + query.command() + "' answered something else: " + r.diagnostics());
                }
                return r.lookup();
            } catch (IOException e) {
                problem(machine + ": could not ask '" + query.command() + "': " + e.getMessage());
                return Optional.empty();
            } catch (UncheckedIOException e) {
                problem(machine + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private synchronized void problem(String text) {
        problems.add(text);
    }

    /** What could not be read, for the path's notes. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
