package io.labbench.sessions;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host reached over SSH with public-key authentication.
 *
 * <p>When {@code sshConfigAlias} is set, {@code ~/.ssh/config}'s entry for that alias supplies
 * HostName, User, Port, IdentityFile and ProxyJump wherever this record leaves them open (blank host
 * or user, port 0, no identity files, no jump endpoint). {@code jumpEndpointName} names another
 * endpoint of the same workspace (e.g. {@code kops-ec2}) whose shared connection carries this one,
 * so no key is ever copied to the bastion.
 *
 * @param port 0 means "from ssh config, else 22"
 */
public record SshEndpoint(String name, String host, int port, String user, List<Path> identityFiles,
                          Optional<String> jumpEndpointName, Optional<String> sshConfigAlias) implements Endpoint {

    public static final int DEFAULT_PORT = 22;

    public SshEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(jumpEndpointName, "jumpEndpointName");
        Objects.requireNonNull(sshConfigAlias, "sshConfigAlias");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint " + name + ": port " + port + " is not between 1 and 65535");
        }
        if (host.isBlank() && sshConfigAlias.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + name + ": needs a host or an ssh config alias");
        }
    }

    /** A direct connection with explicit host, port, user and keys. */
    public static SshEndpoint direct(String name, String host, int port, String user, List<Path> identityFiles) {
        return new SshEndpoint(name, host, port, user, identityFiles, Optional.empty(), Optional.empty());
    }

    public SshEndpoint withJump(String jumpEndpoint) {
        return new SshEndpoint(name, host, port, user, identityFiles, Optional.of(jumpEndpoint), sshConfigAlias);
    }
}
