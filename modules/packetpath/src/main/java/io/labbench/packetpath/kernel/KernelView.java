package io.labbench.packetpath.kernel;

import io.labbench.netparse.model.RouteLookup;
import java.util.Optional;

/** Where the resolver reads machines' state and asks routing questions: recorded or live. */
public interface KernelView {

    /** The machine's state; empty when it was not read (the resolver says so in its notes). */
    Optional<MachineState> machine(String machine);

    /** The kernel's answer to {@code query} on {@code machine}; empty when it was not asked. */
    Optional<RouteLookup> route(String machine, RouteQuery query);

    /**
     * Why what {@code machine} does cannot be read on this backend ({@code vpc}: on AWS the VPC router is AWS's;
     * a load balancer's name: an NLB's internals are AWS's); empty when it can be read or is simply not known.
     */
    default Optional<String> notObservable(String machine) {
        return Optional.empty();
    }
}
