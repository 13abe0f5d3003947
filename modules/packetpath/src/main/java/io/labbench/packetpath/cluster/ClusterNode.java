package io.labbench.packetpath.cluster;

import java.util.List;

/** A node: its name ({@code worker1}), hostname ({@code ip-172-30-46-72}) and ENIs, the first being the primary ({@code ens5}). */
public record ClusterNode(String name, String hostname, List<Eni> enis) {
    public ClusterNode {
        enis = List.copyOf(enis);
    }

    public String primaryIp() {
        return enis.isEmpty() ? "" : enis.get(0).ip();
    }

    public List<String> addresses() {
        return enis.stream().map(Eni::ip).toList();
    }

    /** An ENI: its device in the node ({@code ens6}) and its own primary address. */
    public record Eni(String device, String ip) {
    }
}
