package io.labbench.packetpath.live;

import io.labbench.netparse.model.RouteLookup;
import io.labbench.netparse.parsers.IpRouteGetParser;
import io.labbench.packetpath.kernel.KernelView;
import io.labbench.packetpath.kernel.MachineState;
import io.labbench.packetpath.kernel.RouteQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final Map<String, CompletableFuture<Optional<MachineState>>> machines = new ConcurrentHashMap<>();
    private final Map<String, Optional<RouteLookup>> routes = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public LiveKernel(MachineShell shell) {
        this.shell = shell;
    }

    /**
     * Reads {@code machines} now, all at once: one command per machine ({@link MachineReader}), each on its
     * own thread, so a trace waits for the slowest machine rather than the sum of them. Returns what was
     * read; a machine that could not be read is a problem, as in {@link #machine}.
     */
    public Map<String, MachineState> prefetch(Collection<String> machines) {
        List<CompletableFuture<Optional<MachineState>>> reads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, machines.size()), r -> {
            Thread t = new Thread(r, "machine-read");
            t.setDaemon(true);
            return t;
        });
        try {
            for (String m : machines) {
                reads.add(CompletableFuture.supplyAsync(() -> machine(m), pool));
            }
            Map<String, MachineState> read = new LinkedHashMap<>();
            for (CompletableFuture<Optional<MachineState>> f : reads) {
                f.join().ifPresent(st -> read.put(st.machine(), st));
            }
            return read;
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public Optional<MachineState> machine(String machine) {
        if (machine.startsWith("pod/") || "vpc".equals(machine)) {
            return Optional.empty();
        }
        // the first caller reads; others (a prefetch and the resolver) wait for that read, not start another.
        // Not computeIfAbsent: a map bin stays locked while it computes, which would serialize parallel reads.
        CompletableFuture<Optional<MachineState>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<MachineState>> read = machines.putIfAbsent(machine, mine);
        if (read == null) {
            try {
                mine.complete(Optional.of(MachineReader.read(machine, shell)));
            } catch (IOException | RuntimeException e) {
                problem("could not read " + machine + ": " + e.getMessage());
                mine.complete(Optional.empty());
            }
            read = mine;
        }
        return read.join();
    }

    @Override
    public Optional<String> notObservable(String machine) {
        return shell.notObservable(machine);
    }

    @Override
    public Optional<RouteLookup> route(String machine, RouteQuery query) {
        if (shell.notObservable(machine).isPresent()) {
            // not a problem to report: the resolver marks the hop with the reason instead
            return Optional.empty();
        }
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
