package io.labbench.packetpath.kernel;

import io.labbench.netparse.model.RouteLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Machine states and route answers read earlier (a snapshot, a test fixture, a benchmark). */
public final class RecordedKernel implements KernelView {
    private final Map<String, MachineState> machines = new HashMap<>();
    private final Map<String, RouteLookup> routes = new HashMap<>();
    private final Map<String, String> notObservable = new HashMap<>();

    public RecordedKernel machine(MachineState state) {
        machines.put(state.machine(), state);
        return this;
    }

    public RecordedKernel route(String machine, RouteQuery query, RouteLookup answer) {
        routes.put(machine + " " + query.command(), answer);
        return this;
    }

    /** Records that {@code machine} cannot be read on the recorded backend, and why. */
    public RecordedKernel notObservable(String machine, String reason) {
        notObservable.put(machine, reason);
        return this;
    }

    @Override
    public Optional<String> notObservable(String machine) {
        return Optional.ofNullable(notObservable.get(machine));
    }

    @Override
    public Optional<MachineState> machine(String machine) {
        return Optional.ofNullable(machines.get(machine));
    }

    @Override
    public Optional<RouteLookup> route(String machine, RouteQuery query) {
        return Optional.ofNullable(routes.get(machine + " " + query.command()));
    }
}
