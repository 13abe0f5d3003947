package io.labbench.sessions.workspace;

import io.labbench.cluster.Backend;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One learner's run of a lab: its backend, the endpoints lab steps address by name, the variables
 * captured so far (kept in file order), and the machines' addresses (VPC and public IP) by endpoint
 * name, which pane headers show whatever address the SSH connection itself goes to.
 */
public record Workspace(String name, Backend backend, List<Endpoint> endpoints, Map<String, String> variables,
                        Map<String, NodeAddresses> addresses) {

    /** The node names of the PKOS lab, in the order the terminal grid shows them. */
    public static final List<String> DEFAULT_NODE_NAMES = List.of("kops-ec2", "master", "worker1", "worker2");

    public Workspace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        endpoints = List.copyOf(endpoints);
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        addresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
        Set<String> seen = new HashSet<>();
        for (Endpoint endpoint : endpoints) {
            if (!seen.add(endpoint.name())) {
                throw new IllegalArgumentException("workspace " + name + ": endpoint name " + endpoint.name() + " is used twice");
            }
        }
    }

    /** A workspace that knows no machine addresses (local shells, or before the cloud was asked). */
    public Workspace(String name, Backend backend, List<Endpoint> endpoints, Map<String, String> variables) {
        this(name, backend, endpoints, variables, Map.of());
    }

    /** The workspace used until the local lab exists: four local shells named after the nodes. */
    public static Workspace defaultLocal(String name) {
        List<Endpoint> shells = new ArrayList<>();
        for (String node : DEFAULT_NODE_NAMES) {
            shells.add(LocalShellEndpoint.loginShell(node));
        }
        return new Workspace(name, Backend.LOCAL, shells, Map.of());
    }

    public Optional<Endpoint> endpoint(String endpointName) {
        return endpoints.stream().filter(e -> e.name().equals(endpointName)).findFirst();
    }

    public List<String> endpointNames() {
        return endpoints.stream().map(Endpoint::name).toList();
    }

    public Workspace withEndpoints(List<Endpoint> newEndpoints) {
        return new Workspace(name, backend, newEndpoints, variables, addresses);
    }

    /** The addresses of the machine behind {@code endpointName}, when the workspace knows them. */
    public Optional<NodeAddresses> addressesOf(String endpointName) {
        return Optional.ofNullable(addresses.get(endpointName));
    }

    /** A copy that knows {@code endpointName}'s machine by {@code nodeAddresses} (replacing what it knew). */
    public Workspace withAddresses(String endpointName, NodeAddresses nodeAddresses) {
        Map<String, NodeAddresses> copy = new LinkedHashMap<>(addresses);
        copy.put(endpointName, nodeAddresses);
        return new Workspace(name, backend, endpoints, variables, copy);
    }

    /** A copy with {@code variable} set (added at the end when new). */
    public Workspace withVariable(String variable, String value) {
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.put(variable, value);
        return new Workspace(name, backend, endpoints, copy, addresses);
    }
}
