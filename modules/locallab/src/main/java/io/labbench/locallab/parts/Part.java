package io.labbench.locallab.parts;

import java.io.IOException;
import java.util.List;

/**
 * One piece of the local lab that {@code up} starts and {@code down} stops: the machine check, the
 * network, the Kubernetes API, the SSH servers… A part names the parts it needs started first
 * ({@link #after()}); it holds references to them and asks them, through their own small methods, for
 * what they made (the kernel access, the SSH servers, the API's port).
 */
public interface Part {

    /** Short name for timings and errors, e.g. {@code network}. */
    String name();

    /** What the progress line says while this part starts, e.g. {@code Building the VPC, subnets and nodes}. */
    default String description() {
        return name();
    }

    /** What the progress line says while this part stops. */
    default String stopDescription() {
        return "Stopping " + name();
    }

    /** The parts that must have started before this one starts; each comes earlier in the list. */
    default List<Part> after() {
        return List.of();
    }

    void start() throws IOException;

    /**
     * Undoes {@link #start}. Called in reverse list order on {@code down}, and after a failed
     * {@code up} for every part whose start ran, the failed one included: a part must cope with having
     * started only halfway.
     */
    default void stop() throws IOException {
    }
}
