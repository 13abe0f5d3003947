package io.labbench.locallab.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.kube.api.ApiDispatcher;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.control.ClusterBootstrap;
import io.labbench.locallab.kube.control.ControllerLoop;
import io.labbench.locallab.kube.control.NodeSync;
import io.labbench.locallab.kube.exec.PodExec;
import io.labbench.locallab.kube.exec.ShellFallback;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The local lab's Kubernetes API server on loopback: {@link #start} serves it, writes the kubeconfig
 * and runs the controllers; {@link #close} stops it and detaches every pod network it attached.
 */
public final class LocalKubeApi implements AutoCloseable {

    /**
     * How the server presents itself.
     *
     * @param prefixDelegation what aws-node's {@code ENABLE_PREFIX_DELEGATION} shows: the study reads it
     *                         with {@code kubectl describe ds aws-node} after {@code kops edit cluster}
     */
    public record Options(String clusterName, ShellFallback shells, boolean prefixDelegation) {
        /** The study's naming ({@code pkos.<domain>}) and zsh looked up on PATH. */
        public static Options defaults() {
            return new Options("pkos.labbench.test", ShellFallback.onPath(), false);
        }

        public Options withClusterName(String name) {
            return new Options(name, shells, prefixDelegation);
        }

        public Options withShells(ShellFallback fallback) {
            return new Options(clusterName, fallback, prefixDelegation);
        }

        public Options withPrefixDelegation(boolean on) {
            return new Options(clusterName, shells, on);
        }
    }

    private final LoopbackHttpServer server;
    private final ControllerLoop controllers;
    private final Path kubeconfig;
    private final Path zshDotDir;
    private final String url;
    private final String clusterName;

    private LocalKubeApi(LoopbackHttpServer server, ControllerLoop controllers, Path kubeconfig, Path zshDotDir,
                         String url, String clusterName) {
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
        // fabric8's serialisation and Vert.x each take seconds to load on a busy machine: overlap them.
        CompletableFuture<KubernetesCrudDispatcher> crudReady = CompletableFuture.supplyAsync(KubernetesCrudDispatcher::new);
        DeferredDispatcher dispatcher = new DeferredDispatcher();
        WatchStreams watches = new WatchStreams();
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        LoopbackHttpServer server;
        Store store;
        try {
            server = LoopbackHttpServer.start(host, dispatcher, watches);
            store = new Store(join(crudReady, server));
        } catch (IOException | RuntimeException e) {
            deleteTree(zshDotDir);
            throw e;
        }
        ControllerLoop controllers = new ControllerLoop(store, network);
        try {
            String hostPort = host + ":" + server.port();
            watches.setStore(store);
            dispatcher.set(new ApiDispatcher(store, new ResourceCatalog(hostPort),
                    new PodExec(network, options.shells(), zshDotDir), controllers::poke, NodeSync.KUBELET_VERSION));
            new ClusterBootstrap(store, options.prefixDelegation()).create();
            controllers.start();
            String url = "http://" + hostPort;
            Kubeconfig.write(kubeconfigFile, options.clusterName(), url);
            return new LocalKubeApi(server, controllers, kubeconfigFile, zshDotDir, url, options.clusterName());
        } catch (IOException | RuntimeException e) {
            controllers.close();
            server.close();
            deleteTree(zshDotDir);
            throw e;
        }
    }

    private static KubernetesCrudDispatcher join(CompletableFuture<KubernetesCrudDispatcher> crud, LoopbackHttpServer server)
            throws IOException {
        try {
            return crud.get();
        } catch (ExecutionException e) {
            server.close();
            throw new IOException("could not create the local lab's Kubernetes object store: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IOException("interrupted while starting the local lab's Kubernetes API", e);
        }
    }

    /** e.g. {@code http://127.0.0.1:40123}. */
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
