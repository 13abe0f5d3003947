package io.labbench.netparse.model;

import java.util.List;
import java.util.OptionalInt;

/** One interface of {@code ip addr} with its addresses. */
public record AddressedInterface(OptionalInt index, String name, String peer, String state, List<String> flags,
                                 OptionalInt mtu, String mac, List<Address> addresses) {
    public AddressedInterface {
        flags = List.copyOf(flags);
        addresses = List.copyOf(addresses);
    }
}
