package io.labbench.sessions.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an SSH endpoint really goes once {@code ~/.ssh/config} has filled the gaps.
 *
 * @param jump the name of the connection to jump through: a workspace endpoint, or a ProxyJump
 *             spec from ssh config ({@code [user@]host[:port]} or an alias)
 */
public record SshTarget(String host, int port, String user, List<Path> identityFiles, Optional<String> jump) {

    public SshTarget {
        identityFiles = List.copyOf(identityFiles);
    }

    public String hostEntry() {
        return HostKeys.hostEntry(host, port);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + jump.map(j -> " via " + j).orElse("");
    }
}
