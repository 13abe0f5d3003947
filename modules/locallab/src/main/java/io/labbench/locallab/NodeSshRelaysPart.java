package io.labbench.locallab;

import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;

/**
 * Each node's {@code <IP>:22} inside the lab, relayed to its SSH server (socat in the node's
 * namespace, a Unix socket, the JVM): {@code ssh worker1} from kops-ec2 as in the study. The SSH
 * servers' stop ends the relays.
 */
final class NodeSshRelaysPart implements Part {

    private final SshServersPart ssh;
    private final NetworkPart network;

    NodeSshRelaysPart(SshServersPart ssh, NetworkPart network) {
        this.ssh = ssh;
        this.network = network;
    }

    @Override
    public String name() {
        return "ssh relays";
    }

    @Override
    public String description() {
        return "Opening port 22 on the nodes' addresses";
    }

    @Override
    public String stopDescription() {
        return "Closing port 22 on the nodes' addresses";
    }

    @Override
    public List<Part> after() {
        return List.of(ssh, network);
    }

    @Override
    public void start() throws IOException {
        ssh.ssh().forwardNodePorts();
    }
}
