package io.labbench.netparse.model;

import java.util.OptionalLong;

/** A chain declared by {@code iptables-save} ({@code :NAME POLICY [p:b]}) or {@code iptables -S} ({@code -P}/{@code -N}); {@code policy} is {@code -} for user chains. */
public record SavedChain(String name, String policy, OptionalLong packets, OptionalLong bytes) {
}
