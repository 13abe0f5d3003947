package io.labbench.locallab.inet;

import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The nodes' public IPv4 addresses, as the Internet Gateway maps them 1:1: from 198.51.100.0/24
 * (TEST-NET-2, documentation only), keeping each node's last private octet where it can so
 * worker1 172.30.46.72 is 198.51.100.72.
 */
public final class PublicAddresses {

    public static final String RANGE = "198.51.100.0/24";
    private static final String BASE = "198.51.100.";

    private PublicAddresses() {
    }

    /** node name → public address, in the topology's node order. */
    public static Map<String, String> of(LabTopology topology) {
        Map<String, String> byNode = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (LabNode node : topology.nodes()) {
            String ip = node.ip().toString();
            int octet = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
            while (octet < 2 || octet > 254 || used.contains(octet)) {
                octet = octet >= 254 ? 2 : octet + 1;
            }
            used.add(octet);
            byNode.put(node.name(), BASE + octet);
        }
        return byNode;
    }
}
