package io.labbench.locallab.kube.control;

import io.labbench.locallab.spi.PodNetwork;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.proxy.KubeProxy;
import io.labbench.locallab.kube.proxy.KubeProxyDefaults;
import io.labbench.locallab.kube.proxy.ProxyRules;
import io.labbench.locallab.spi.ServiceProxyHost;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the controllers on one background thread: after every write kubectl makes (a poke) and once a
 * second (to pick up node changes such as a new maxPods), repeating while a pass changed something.
 * One thread keeps the controllers' read-modify-write simple; kubectl is still served meanwhile.
 */
public final class ControllerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ControllerLoop.class.getName());
    private final List<Controller> controllers;
    private final NodeSync nodeSync;
    private final Kubelet kubelet;
    private final java.util.Optional<KubeProxy> kubeProxy;
    private final Semaphore pokes = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long passes;

    public ControllerLoop(Store store, PodNetwork network) {
        this(store, network, java.util.Optional.empty());
    }

    /** @param runtime runs the pods' containers (the lab's); without one pods show Running with no process */
    public ControllerLoop(Store store, PodNetwork network, java.util.Optional<io.labbench.locallab.spi.ContainerRuntime> runtime) {
        this(store, network, runtime, java.util.Optional.empty());
    }

    /** @param nodeIptables where kube-proxy writes the nodes' Service rules; without it Services get no rules */
    public ControllerLoop(Store store, PodNetwork network, java.util.Optional<io.labbench.locallab.spi.ContainerRuntime> runtime,
                          java.util.Optional<ServiceProxyHost> nodeIptables) {
        EventRecorder events = new EventRecorder(store);
        this.nodeSync = new NodeSync(store, network, new StaticPods(store));
        this.kubelet = new Kubelet(store, network, events, runtime);
        kubelet.onChange(this::poke);
        List<Controller> all = new java.util.ArrayList<>(List.of(nodeSync::sync, new GarbageCollector(store),
                new DeploymentController(store, events), new ReplicaSetController(store, events), new DaemonSetController(store, events),
                new Scheduler(store, events), kubelet, new EndpointsController(store), new EndpointSliceController(store)));
        // last: it sees the endpoints this very pass wrote, so a pod turning Ready reaches the rules in one pass
        this.kubeProxy = nodeIptables.map(host -> new KubeProxy(store, network::nodes, host.iptables(),
                host.healthChecks(), new ProxyRules(KubeProxyDefaults.CLUSTER_CIDR)));
        kubeProxy.ifPresent(proxy -> all.add(proxy::sync));
        this.controllers = List.copyOf(all);
        this.thread = new Thread(this::run, "local-kube-controllers");
        this.thread.setDaemon(true);
    }

    /** Creates the nodes and their static pods now, so the cluster has nodes before kubectl asks. */
    public void start() {
        nodeSync.sync();
        thread.start();
    }

    /** Asks for a reconcile soon (after a write). */
    public void poke() {
        pokes.release();
    }

    /** How many reconcile passes ran (for tests and benchmarks waiting on the loop). */
    public long passes() {
        return passes;
    }

    private void run() {
        while (running) {
            try {
                pokes.tryAcquire(1, TimeUnit.SECONDS);
                pokes.drainPermits();
                for (int round = 0; round < 50 && running; round++) {
                    boolean changed = false;
                    for (Controller c : controllers) {
                        try {
                            changed |= c.reconcile();
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "a local cluster controller failed; it retries on the next pass", e);
                        }
                    }
                    passes++;
                    if (!changed) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
        kubelet.killAllContainers();
        kubelet.detachAll();
    }

    /**
     * Stops the loop and leaves the pods' networks in place: for the lab's teardown, which deletes
     * every namespace of the lab at once (detaching 110 pods one by one would take seconds).
     */
    public void closeLeavingPodNetworks() {
        stop();
        kubelet.killAllContainers();
    }

    private void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kubeProxy.ifPresent(KubeProxy::close);
    }
}
