package io.labbench.locallab;

import io.labbench.locallab.aws.LabAws;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.kube.LocalKubeApi;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The lab's own AWS ({@link LabAws}): the endpoint on loopback over the lab's live state, relayed into
 * kops-ec2 with the {@code aws} wrapper and {@code kops} on its PATH. Needs the namespaces (for the
 * relay), the SSH servers (they write kops-ec2's bin folder) and the Kubernetes API (kops validate).
 */
final class LocalAwsPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final NetworkPart network;
    private final SshServersPart ssh;
    private final KubernetesApiPart api;
    private volatile LabAws aws;

    LocalAwsPart(LabSettings settings, LabTopology topology, KernelAccessPart kernel, NetworkPart network, SshServersPart ssh,
                 KubernetesApiPart api) {
        this.settings = settings;
        this.topology = topology;
        this.kernel = kernel;
        this.network = network;
        this.ssh = ssh;
        this.api = api;
    }

    @Override
    public String name() {
        return "local aws";
    }

    @Override
    public String description() {
        return "Starting the lab's own AWS (aws and kops in kops-ec2)";
    }

    @Override
    public List<Part> after() {
        return List.of(kernel, network, ssh, api);
    }

    @Override
    public void start() throws IOException {
        LocalKubeApi kube = api.api().orElseThrow(() -> new IOException("the Kubernetes API is not running"));
        aws = LabAws.start(settings, topology, kernel.kernel(), this::podNetwork, URI.create(kube.url()), kube.credentials());
    }

    /** The running endpoint and its state, while this part is started. */
    Optional<LabAws> aws() {
        return Optional.ofNullable(aws);
    }

    private Optional<VpcCniPodNetwork> podNetwork() {
        try {
            return Optional.of(api.podNetwork());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    @Override
    public void stop() {
        LabAws running = aws;
        aws = null;
        if (running != null) {
            running.close();
        }
    }
}
