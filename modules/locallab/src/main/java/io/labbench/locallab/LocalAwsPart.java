package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.aws.KopsControl;
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
 * relay), the SSH servers (they write kops-ec2's bin folder), the Kubernetes API (kops validate) and
 * the internet stand-in (its CA signs the lab's ACM certificates).
 */
final class LocalAwsPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final NetworkPart network;
    private final SshServersPart ssh;
    private final KubernetesApiPart api;
    private final InternetPart internet;
    private final KopsControl kopsControl;
    private volatile LabAws aws;

    LocalAwsPart(LabSettings settings, LabTopology topology, KernelAccessPart kernel, NetworkPart network, SshServersPart ssh,
                 KubernetesApiPart api, InternetPart internet, KopsControl kopsControl) {
        this.settings = settings;
        this.topology = topology;
        this.kernel = kernel;
        this.network = network;
        this.ssh = ssh;
        this.api = api;
        this.internet = internet;
        this.kopsControl = kopsControl;
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
        return List.of(kernel, network, ssh, api, internet);
    }

    @Override
    public void start() throws IOException {
        LocalKubeApi kube = api.api().orElseThrow(() -> new IOException("the Kubernetes API is not running"));
        io.labbench.locallab.inet.LabCa ca = internet.ca().orElseThrow(() -> new IOException("the lab's CA is missing (the internet stand-in did not start)"));
        aws = LabAws.start(settings, topology, kernel.kernel(), this::podNetwork, URI.create(kube.url()), kube.credentials(), ca,
                kube.addonLogs(), kopsControl);
        // load balancer names and Route 53 records answer in the VPC as soon as the state holds them
        internet.resolver().ifPresent(r -> r.add(aws.resolverNames()));
    }

    private Optional<VpcCniPodNetwork> podNetwork() {
        try {
            return Optional.of(api.podNetwork());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The lab's AWS state while it runs (the NLB part writes load balancers and reads certificates there). */
    Optional<LabAws> aws() {
        return Optional.ofNullable(aws);
    }

    @Override
    public void stop() {
        LabAws running = aws;
        aws = null;
        if (running != null) {
            internet.resolver().ifPresent(r -> r.remove(running.resolverNames()));
            running.close();
        }
    }
}
