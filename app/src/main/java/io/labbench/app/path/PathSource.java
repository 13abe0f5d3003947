package io.labbench.app.path;

import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.live.CounterReading;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Where the Path view and {@code labbench path} get a path and its counters: the running lab, or a recording. */
public interface PathSource {

    /** The places a learner can pick: pods, nodes, Services ({@code svc/NAME}) and the names the lab knows. */
    List<String> places() throws IOException;

    /**
     * Reads the machines and resolves {@code from → to}. {@code protocol} empty means ICMP, or the Service's
     * own protocol when {@code to} is one.
     *
     * @throws PathInputException when from/to name nothing the lab knows (the message says what is known)
     * @throws IOException        when the lab could not be read
     */
    PacketPath resolve(String from, String to, String protocol, int port) throws IOException;

    /** Every iptables counter of {@code machines} now. */
    CounterReading counters(Set<String> machines) throws IOException;

    /** Thrown when a flow end names nothing in the lab. */
    final class PathInputException extends IOException {
        private static final long serialVersionUID = 1L;

        public PathInputException(String message) {
            super(message);
        }
    }
}
