package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.kube.ApiCredentialStore;
import io.labbench.locallab.kube.LocalKubeApi;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.NetnsHealthCheckServers;
import io.labbench.locallab.net.NetnsIptablesRestore;
import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.parts.Part;
import io.labbench.locallab.pods.ProcessContainerRuntime;
import io.labbench.locallab.spi.NodeInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The API server, controllers and scheduler, fed by the lab's pod network. It needs nothing of the
 * kernel to start (a second of class loading on a cold JVM), so it starts right after the machine
 * check, beside the leftovers, the kernel access and the network: until the kernel access is up and
 * the network built, the {@link PodNetworkGate} answers node data from the topology and holds pod wiring.
 */
final class KubernetesApiPart implements Part {

    private final LabSettings settings;
    private final LabTopology topology;
    private final Part machineCheck;
    private final KernelAccessPart kernel;
    private final NetworkPart network;
    private final InternetPart internet;
    private volatile VpcCniPodNetwork podNetwork;
    private volatile LocalKubeApi api;
    private volatile NetnsHealthCheckServers healthChecks;

    KubernetesApiPart(LabSettings settings, LabTopology topology, Part machineCheck, KernelAccessPart kernel, NetworkPart network,
                      InternetPart internet) {
        this.internet = internet;
        this.machineCheck = machineCheck;
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

    @Override
    public String stopDescription() {
        return "Stopping the Kubernetes API";
    }

    /** Neither after the kernel access nor after the network: the gate waits for both. */
    @Override
    public List<Part> after() {
        return List.of(machineCheck);
    }

    @Override
    public void start() throws IOException {
        // made on the thread that completes the later of the two, before the network part's start returns
        // the internet stand-in too: a pod's /etc binds its resolver's names and its CA bundle
        CompletableFuture<VpcCniPodNetwork> wired = kernel.ready().thenCombine(network.built().thenCombine(internet.ready(),
                (built, publicIps) -> built), (access, built) -> {
            VpcCniPodNetwork vpcCni = new VpcCniPodNetwork(topology, access, settings.prefixDelegation(),
                    settings.labDir().resolve("pods"));
            podNetwork = vpcCni;
            return vpcCni;
        });
        healthChecks = new NetnsHealthCheckServers(topology, kernel.ready(), settings.labDir().resolve("kube-proxy"));
        List<NodeInfo> nodes = topology.kubernetesNodes().stream().map(LabNode::toNodeInfo).toList();
        Files.createDirectories(settings.kubeconfig().getParent());
        api = LocalKubeApi.start(new PodNetworkGate(() -> nodes, wired), settings.kubeconfig(),
                LocalKubeApi.Options.defaults().withClusterName(settings.clusterName())
                        .withKeptCredentials(new ApiCredentialStore(settings.keysDir()))
                        .withPrefixDelegation(settings.prefixDelegation())
                        .withContainerRuntime(ProcessContainerRuntime.ofThisHost(wired))
                        .withNodeIptables(new NetnsIptablesRestore(topology, kernel.ready(), wired), healthChecks));
    }

    /** The pod network the Kubernetes side drives. */
    VpcCniPodNetwork podNetwork() {
        VpcCniPodNetwork network = podNetwork;
        if (network == null) {
            throw new IllegalStateException("the local lab is not up");
        }
        return network;
    }

    /** The running API server (its URL and credentials), while this part is started. */
    Optional<LocalKubeApi> api() {
        return Optional.ofNullable(api);
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
        kernel.ready().completeExceptionally(new IOException("the lab was taken down"));
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
        NetnsHealthCheckServers servers = healthChecks;
        if (servers != null) {
            servers.close();
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
