package io.labbench.packetpath.live;

import java.io.IOException;

/**
 * Runs one shell command on a machine the path names: a node ({@code worker1}), a pod ({@code
 * pod/default/pod-1}, in its network namespace) or {@code vpc} (the local lab's VPC router). Commands are
 * the read-only ones a learner would type; the caller adds sudo or nsenter as its backend needs.
 */
@FunctionalInterface
public interface MachineShell {

    /** What the command printed and how it ended. */
    record Output(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command}; throws only when it could not run at all (no such machine, connection lost). */
    Output run(String machine, String command) throws IOException;

    /**
     * Why {@code machine} cannot be asked on this backend at all (on AWS: {@code vpc}, whose router is AWS's, and
     * the load balancers); empty for machines this shell reaches. {@link LiveKernel} does not ask those.
     */
    default java.util.Optional<String> notObservable(String machine) {
        return java.util.Optional.empty();
    }
}
