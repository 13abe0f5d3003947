package io.labbench.locallab.pods;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports a network namespace listens on, read from {@code /proc/<pid>/net/tcp} and {@code tcp6}
 * of a process inside it: how the runtime sees a container's server come up without entering the
 * namespace (a file read, no process).
 */
final class ListeningPorts {

    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    static Set<Integer> of(long pid) {
        Set<Integer> ports = new HashSet<>();
        for (String file : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", file))) {
                    parse(line, ports);
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone, or the kernel has no IPv6: nothing listens there
            }
        }
        return ports;
    }

    /** A line like {@code 0: 00000000:0050 00000000:0000 0A …}: local address, remote address, state. */
    static void parse(String line, Set<Integer> into) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[3].equals(LISTEN)) {
            return;
        }
        int colon = f[1].lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        into.add(Integer.parseInt(f[1].substring(colon + 1), 16));
    }
}
