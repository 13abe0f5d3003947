package io.labbench.locallab.ssh;

import io.labbench.sessions.SshEndpoint;
import java.nio.file.Path;
import java.util.List;

/**
 * How the app reaches one lab machine over SSH: the machine's server on host loopback, the lab's
 * private key, and the known_hosts file holding the machine's pinned host key.
 *
 * @param name       {@code kops-ec2}, {@code master}, {@code worker1}, {@code worker2}
 * @param hostname   the machine's own hostname, e.g. {@code ip-172-30-46-72}
 * @param ip         its address inside the lab (what {@code $W1PIP} holds)
 */
public record LabEndpoint(String name, String hostname, String ip, String host, int port, String user, Path privateKey,
                          Path knownHosts) {

    /**
     * The workspace's endpoint for this machine. The host key to pin is in {@link #knownHosts()}
     * ({@code [127.0.0.1]:port} lines), which SshEndpoint does not carry: the SSH connector must use it.
     */
    public SshEndpoint toSshEndpoint() {
        return SshEndpoint.direct(name, host, port, user, List.of(privateKey));
    }
}
