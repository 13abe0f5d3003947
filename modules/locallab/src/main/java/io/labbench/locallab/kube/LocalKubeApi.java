package io.labbench.locallab.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.spi.ContainerRuntime;
import io.labbench.locallab.kube.api.ApiDispatcher;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import io.labbench.locallab.kube.api.AddonLogs;
import io.labbench.locallab.kube.control.ClusterBootstrap;
import io.labbench.locallab.kube.control.ControllerLoop;
import io.labbench.locallab.spi.NodeHealthChecks;
import io.labbench.locallab.spi.NodeIptables;
import io.labbench.locallab.spi.ServiceProxyHost;
import io.labbench.locallab.kube.control.NodeSync;
import io.labbench.locallab.kube.exec.PodExec;
import io.labbench.locallab.kube.exec.ShellFallback;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The local lab's Kubernetes API server on loopback: {@link #start} serves it over TLS with a CA of
 * its own and a bearer token ({@link ApiCredentials}), writes the kubeconfig (0600) that carries them
 * and runs the controllers; {@link #close} stops it and detaches every pod network it attached.
 */
public final class LocalKubeApi implements AutoCloseable {

    /**
     * How the server presents itself.
     *
     * @param prefixDelegation what aws-node's {@code ENABLE_PREFIX_DELEGATION} shows: the study reads it
     *                         with {@code kubectl describe ds aws-node} after {@code kops edit cluster}
     */
    public record Options(String clusterName, ShellFallback shells, boolean prefixDelegation,
                          Optional<ContainerRuntime> containerRuntime, Optional<ServiceProxyHost> nodeIptables,
                          Optional<ApiCredentialStore> keptCredentials) {
        /** The study's naming ({@code pkos.<domain>}) and zsh looked up on PATH; no container runtime; new certificates. */
        public static Options defaults() {
            return new Options("pkos.labbench.test", ShellFallback.onPath(), false, Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** The CA and serving certificate come from {@code store} when it keeps usable ones, and go there when made. */
        public Options withKeptCredentials(ApiCredentialStore store) {
            return new Options(clusterName, shells, prefixDelegation, containerRuntime, nodeIptables, Optional.of(store));
        }

        public Options withClusterName(String name) {
            return new Options(name, shells, prefixDelegation, containerRuntime, nodeIptables, keptCredentials);
        }

        public Options withShells(ShellFallback fallback) {
            return new Options(clusterName, fallback, prefixDelegation, containerRuntime, nodeIptables, keptCredentials);
        }

        public Options withPrefixDelegation(boolean on) {
            return new Options(clusterName, shells, on, containerRuntime, nodeIptables, keptCredentials);
        }

        /** Pods run their containers there (the lab's); without one they show Running with no process. */
        public Options withContainerRuntime(ContainerRuntime runtime) {
            return new Options(clusterName, shells, prefixDelegation, Optional.of(runtime), nodeIptables, keptCredentials);
        }

        /** kube-proxy writes each node's Service rules there (the lab's node namespaces); without it Services do not route. */
        public Options withNodeIptables(NodeIptables iptables, NodeHealthChecks healthChecks) {
            return new Options(clusterName, shells, prefixDelegation, containerRuntime,
                    Optional.of(new ServiceProxyHost(iptables, healthChecks)), keptCredentials);
        }
    }

    private final LoopbackHttpServer server;
    private final ControllerLoop controllers;
    private final Path kubeconfig;
    private final Path zshDotDir;
    private final String url;
    private final String clusterName;
    private final ApiCredentials credentials;
    private final Store store;

    private final AddonLogs addonLogs;

    private LocalKubeApi(LoopbackHttpServer server, ControllerLoop controllers, Path kubeconfig, Path zshDotDir,
                         String url, String clusterName, ApiCredentials credentials, AddonLogs addonLogs, Store store) {
        this.store = store;
        this.addonLogs = addonLogs;
        this.credentials = credentials;
        this.server = server;
        this.controllers = controllers;
        this.kubeconfig = kubeconfig;
        this.zshDotDir = zshDotDir;
        this.url = url;
        this.clusterName = clusterName;
    }

    public static LocalKubeApi start(PodNetwork network, Path kubeconfigFile) throws IOException {
        return start(network, kubeconfigFile, Options.defaults());
    }

    public static LocalKubeApi start(PodNetwork network, Path kubeconfigFile, Options options) throws IOException {
        // Beside the kubeconfig (the lab's state folder), so a crash leaves nothing in /tmp.
        Path zshDotDir = Files.createDirectories(kubeconfigFile.toAbsolutePath().getParent().resolve("pod-zsh"));
        // A pod's zsh would otherwise start the new-user wizard; netshoot's prompt names the pod.
        Files.writeString(zshDotDir.resolve(".zshrc"), "setopt prompt_subst\nPROMPT='%F{cyan}${HOSTNAME:-pod}%f %~ %# '\n");
        // Jackson and the strategies load while Vert.x starts (each takes a while on a busy machine).
        CompletableFuture<Store> storeReady = CompletableFuture.supplyAsync(() -> new Store(StandardKinds.registry()));
        // The certificates are read (or made: BouncyCastle loads for a while) while Vert.x starts.
        CompletableFuture<ApiCredentials> credentialsReady = CompletableFuture.supplyAsync(() -> {
            try {
                return options.keptCredentials().isPresent() ? options.keptCredentials().get().keptOrNew(options.clusterName())
                        : ApiCredentials.generate(options.clusterName());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DeferredDispatcher dispatcher = new DeferredDispatcher();
        WatchRouter watches = new WatchRouter();
        LogFollowRouter logs = new LogFollowRouter();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        LoopbackHttpServer server;
        Store store;
        ApiCredentials credentials;
        try {
            server = LoopbackHttpServer.start(host, dispatcher, watches, logs, credentialsReady);
            store = join(storeReady, server);
            credentials = credentialsReady.join();
        } catch (IOException | RuntimeException e) {
            deleteTree(zshDotDir);
            throw e;
        }
        ControllerLoop controllers = new ControllerLoop(store, network, options.containerRuntime(), options.nodeIptables());
        try {
            String hostPort = host + ":" + server.port();
            watches.setStore(store);
            AddonLogs addonLogs = new AddonLogs(new PodExec(network, options.shells(), zshDotDir, options.containerRuntime()));
            ApiDispatcher api = new ApiDispatcher(store, new ResourceCatalog(hostPort, store.kinds()),
                    addonLogs, controllers::poke, NodeSync.KUBELET_VERSION);
            dispatcher.set(api);
            logs.setSource(api::liveLog);
            new ClusterBootstrap(store, options.prefixDelegation()).create();
            publishCa(store, credentials);
            controllers.start();
            String url = "https://" + hostPort;
            Kubeconfig.write(kubeconfigFile, options.clusterName(), url, credentials);
            return new LocalKubeApi(server, controllers, kubeconfigFile, zshDotDir, url, options.clusterName(), credentials, addonLogs, store);
        } catch (IOException | RuntimeException e) {
            controllers.close();
            server.close();
            deleteTree(zshDotDir);
            throw e;
        }
    }

    /** Each namespace's {@code kube-root-ca.crt} carries the lab's real CA, as pods on a cluster see it. */
    private static void publishCa(Store store, ApiCredentials credentials) {
        for (ObjectNode cm : store.list(ResourceCatalog.CONFIG_MAPS, "")) {
            if (cm.path("metadata").path("name").asText().equals("kube-root-ca.crt")) {
                store.update(ResourceCatalog.CONFIG_MAPS, cm.path("metadata").path("namespace").asText(), "kube-root-ca.crt",
                        c -> c.with("data").put("ca.crt", credentials.caPem()));
            }
        }
    }

    private static Store join(CompletableFuture<Store> ready, LoopbackHttpServer server)
            throws IOException {
        try {
            return ready.get();
        } catch (ExecutionException e) {
            server.close();
            throw new IOException("could not create the local lab's Kubernetes object store: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IOException("interrupted while starting the local lab's Kubernetes API", e);
        }
    }

    /** The CA and token clients need (in-process clients; others read the kubeconfig). */
    public ApiCredentials credentials() {
        return credentials;
    }

    /** The API server's objects, for the lab's in-process controllers that live outside this package (the NLB's). */
    public Store store() {
        return store;
    }

    /** Where add-ons the lab runs in-process (ExternalDNS, the Load Balancer Controller) put their {@code kubectl logs}. */
    public AddonLogs addonLogs() {
        return addonLogs;
    }

    /** e.g. {@code https://127.0.0.1:40123}. */
    public String url() {
        return url;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String clusterName() {
        return clusterName;
    }

    /** Re-reads {@link PodNetwork#nodes()} now (after a maxPods or instance-type change) instead of within a second. */
    public void refreshNodes() {
        controllers.poke();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            controllers.close();
            deleteTree(zshDotDir);
        }
    }

    /**
     * Stops the server and the controllers without detaching the pods' networks one by one (about
     * 35 ms each): for the lab's {@code down}, which removes all of its namespaces and processes anyway.
     */
    public void closeForLabTeardown() {
        try {
            server.close();
        } finally {
            controllers.closeLeavingPodNetworks();
            deleteTree(zshDotDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
