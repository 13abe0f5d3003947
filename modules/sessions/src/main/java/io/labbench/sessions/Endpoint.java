package io.labbench.sessions;

/**
 * A place a terminal or a command runs: a node of the lab, named the way lab steps address it
 * ({@code kops-ec2}, {@code master}, {@code worker1}, …). Closed set: a local shell or an SSH host.
 */
public sealed interface Endpoint permits LocalShellEndpoint, SshEndpoint {

    /** The name lab steps and panes use, unique within a workspace. */
    String name();
}
