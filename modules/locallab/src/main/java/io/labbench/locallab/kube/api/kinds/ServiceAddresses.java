package io.labbench.locallab.kube.api.kinds;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The cluster's one allocator of Service ClusterIPs (kOps' service CIDR {@code 100.64.0.0/13}) and
 * NodePorts (30000–32767). {@code 100.64.0.1} ({@code kubernetes}) and {@code 100.64.0.10}
 * ({@code kube-dns}) are reserved: only a Service that asks for them by name gets them. Each address
 * belongs to a Service ({@code namespace/name}); asking again for the same owner is answered with what
 * it holds, so admitting an object twice allocates once.
 */
public final class ServiceAddresses {

    public static final String CIDR = "100.64.0.0/13";
    public static final String KUBERNETES_IP = "100.64.0.1";
    public static final String KUBE_DNS_IP = "100.64.0.10";
    static final int FIRST_NODE_PORT = 30000;
    static final int LAST_NODE_PORT = 32767;

    private static final long BASE = toLong("100.64.0.0");
    private static final long SIZE = 1L << 19;

    private final Map<Long, String> ipOwners = new HashMap<>();
    private final Map<Integer, String> portOwners = new HashMap<>();
    private long nextIp = 11;
    private int nextPort = FIRST_NODE_PORT;

    /**
     * The ClusterIP for {@code owner}: the requested one if free, else the next free one.
     *
     * @throws Refused when the requested address is outside the range or taken
     */
    public synchronized String clusterIp(String owner, String requested) {
        if (requested != null && !requested.isEmpty()) {
            long ip;
            try {
                ip = toLong(requested) - BASE;
            } catch (IllegalArgumentException e) {
                ip = -1;
            }
            if (ip <= 0 || ip >= SIZE - 1) {
                throw invalid("spec.clusterIPs: Invalid value: \"" + requested + "\": provided IP is not in the valid range."
                        + " The range of valid IPs is " + CIDR);
            }
            String holder = ipOwners.get(ip);
            if (holder != null && !holder.equals(owner)) {
                throw invalid("spec.clusterIPs: Invalid value: []string{\"" + requested + "\"}: failed to allocate IP "
                        + requested + ": provided IP is already allocated");
            }
            ipOwners.put(ip, owner);
            return requested;
        }
        for (Map.Entry<Long, String> e : ipOwners.entrySet()) {
            if (e.getValue().equals(owner)) {
                return toText(BASE + e.getKey());
            }
        }
        for (long tried = 0; tried < SIZE; tried++) {
            long ip = nextIp;
            nextIp = nextIp + 1 >= SIZE - 1 ? 1 : nextIp + 1;
            if (!ipOwners.containsKey(ip) && !isReserved(ip)) {
                ipOwners.put(ip, owner);
                return toText(BASE + ip);
            }
        }
        throw invalid("spec.clusterIPs: Internal error: range is full (" + CIDR + ")");
    }

    /**
     * A NodePort for {@code owner}: the requested one if free, else the next free one.
     *
     * @param alreadyHeld ports the same Service holds for its other ports (not to be handed out twice)
     */
    public synchronized int nodePort(String owner, OptionalInt requested, java.util.Set<Integer> alreadyHeld) {
        return nodePort(owner, "spec.ports[0].nodePort", requested, alreadyHeld);
    }

    /**
     * As {@link #nodePort(String, OptionalInt, java.util.Set)}, naming {@code field} (e.g.
     * {@code spec.ports[1].nodePort}, {@code spec.healthCheckNodePort}) in the refusal.
     */
    public synchronized int nodePort(String owner, String field, OptionalInt requested, java.util.Set<Integer> alreadyHeld) {
        if (requested.isPresent()) {
            int port = requested.getAsInt();
            if (port < FIRST_NODE_PORT || port > LAST_NODE_PORT) {
                throw invalid(field + ": Invalid value: " + port
                        + ": provided port is not in the valid range. The range of valid ports is 30000-32767");
            }
            String holder = portOwners.get(port);
            if (holder != null && !holder.equals(owner)) {
                throw invalid(field + ": Invalid value: " + port + ": provided port is already allocated");
            }
            portOwners.put(port, owner);
            return port;
        }
        int range = LAST_NODE_PORT - FIRST_NODE_PORT + 1;
        for (int tried = 0; tried < range; tried++) {
            int port = nextPort;
            nextPort = nextPort == LAST_NODE_PORT ? FIRST_NODE_PORT : nextPort + 1;
            if (!portOwners.containsKey(port) && !alreadyHeld.contains(port)) {
                portOwners.put(port, owner);
                return port;
            }
        }
        throw invalid(field + ": Internal error: range is full (30000-32767)");
    }

    /** Frees what {@code owner} holds (its Service is gone). */
    public synchronized void release(String owner) {
        ipOwners.values().removeIf(owner::equals);
        portOwners.values().removeIf(owner::equals);
    }

    private static boolean isReserved(long offset) {
        return offset == toLong(KUBERNETES_IP) - BASE || offset == toLong(KUBE_DNS_IP) - BASE;
    }

    private static Refused invalid(String fieldError) {
        return new Refused(fieldError);
    }

    /** An address that cannot be given; the message is the field error the Service's 422 names. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String fieldError) {
            super(fieldError);
        }
    }

    private static long toLong(String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException(dotted);
        }
        long v = 0;
        for (String part : p) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException(dotted);
            }
            v = v << 8 | octet;
        }
        return v;
    }

    private static String toText(long ip) {
        return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
    }
}
