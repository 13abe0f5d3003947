package io.labbench.locallab;

import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * kops-ec2's kubectl uses the same kubeconfig as the host: the API's loopback port is relayed into
 * kops-ec2's own loopback. The SSH servers' stop ends the relay.
 */
final class ApiRelayPart implements Part {

    private final SshServersPart ssh;
    private final KubernetesApiPart api;
    private final NetworkPart network;

    ApiRelayPart(SshServersPart ssh, KubernetesApiPart api, NetworkPart network) {
        this.ssh = ssh;
        this.api = api;
        this.network = network;
    }

    @Override
    public String name() {
        return "api relay";
    }

    @Override
    public String description() {
        return "Relaying the Kubernetes API into kops-ec2";
    }

    @Override
    public String stopDescription() {
        return "Closing the Kubernetes API relay in kops-ec2";
    }

    @Override
    public List<Part> after() {
        return List.of(ssh, api, network);
    }

    @Override
    public void start() throws IOException {
        Optional<Integer> port = api.port();
        if (port.isPresent()) {
            ssh.ssh().forwardApiServer(port.get());
        }
    }
}
