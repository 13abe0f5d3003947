package io.labbench.netparse.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * One interface of {@code ip link}. {@code peer} is what follows {@code @} in the name ({@code if6} for
 * a veth whose peer lives in another namespace, {@code ens5} for a VLAN), {@code linkNetns} the
 * {@code link-netns} name or {@code link-netnsid} number. Empty strings mean "not printed".
 */
public record Link(OptionalInt index, String name, String peer, List<String> flags, OptionalInt mtu,
                   String state, String mac, String linkType, String linkNetns, String master,
                   String kind) {
    public Link {
        flags = List.copyOf(flags);
    }

    public boolean isUp() {
        return flags.contains("UP");
    }
}
