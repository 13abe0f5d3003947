package io.labbench.locallab;

import io.labbench.locallab.kube.LocalKubeApi;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.parts.Part;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The API server, controllers and scheduler, fed by the lab's pod network. It starts beside the
 * network (a second of class loading on a cold JVM): until the network is built, the {@link
 * PodNetworkGate} answers node data and holds pod wiring.
 */
final class KubernetesApiPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final KernelAccessPart kernel;
    private final NetworkPart network;
    private volatile VpcCniPodNetwork podNetwork;
    private volatile LocalKubeApi api;

    KubernetesApiPart(LabSettings settings, LabTopology topology, KernelAccessPart kernel, NetworkPart network) {
        this.settings = settings;
        this.topology = topology;
        this.kernel = kernel;
        this.network = network;
    }

    @Override
    public String name() {
        return "kubernetes api";
    }

    @Override
    public String description() {
        return "Starting the Kubernetes API";
    }

    /** Not after the network: the gate lets it start at the same time. */
    @Override
    public List<Part> after() {
        return List.of(kernel);
    }

    @Override
    public void start() throws IOException {
        VpcCniPodNetwork vpcCni = new VpcCniPodNetwork(topology, kernel.kernel(), settings.prefixDelegation());
        podNetwork = vpcCni;
        Files.createDirectories(settings.kubeconfig().getParent());
        api = LocalKubeApi.start(new PodNetworkGate(vpcCni, network.built()), settings.kubeconfig(),
                LocalKubeApi.Options.defaults().withClusterName(settings.clusterName())
                        .withPrefixDelegation(settings.prefixDelegation()));
    }

    /** The pod network the Kubernetes side drives. */
    VpcCniPodNetwork podNetwork() {
        VpcCniPodNetwork network = podNetwork;
        if (network == null) {
            throw new IllegalStateException("the local lab is not up");
        }
        return network;
    }

    /** The API server's port on host loopback, when it listens on one. */
    Optional<Integer> port() {
        LocalKubeApi running = api;
        if (running == null) {
            return Optional.empty();
        }
        int port = URI.create(running.url()).getPort();
        return port > 0 ? Optional.of(port) : Optional.empty();
    }

    boolean running() {
        return api != null;
    }

    @Override
    public void stop() throws IOException {
        // a kubelet waiting for a network that will not come must not hold the API's shutdown
        network.abandon();
        LocalKubeApi running = api;
        api = null;
        if (running != null) {
            try {
                // down removes every namespace after this; detaching pod by pod first would only cost time
                running.closeForLabTeardown();
            } catch (RuntimeException e) {
                Logger.getLogger(LocalLab.class.getName()).warning(() -> "the Kubernetes API did not stop cleanly: " + e);
            }
        }
        VpcCniPodNetwork pods = podNetwork;
        if (pods != null) {
            pods.stopAllSandboxes();
        }
        podNetwork = null;
        if (Files.exists(settings.kubeconfig()) && settings.kubeconfig().startsWith(settings.stateRoot())) {
            Files.deleteIfExists(settings.kubeconfig());
        }
    }
}
