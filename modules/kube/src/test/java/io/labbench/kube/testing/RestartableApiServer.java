package io.labbench.kube.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * fabric8's CRUD mock API server that can be stopped and started again on the same port, its objects
 * kept in one dispatcher the way a real API server keeps them in etcd. {@link #whileDown} changes
 * objects while the port is closed (through a second server over the same store on another port), so
 * clients of the first learn of the changes only by listing again.
 *
 * <pre>{@code
 * try (RestartableApiServer api = RestartableApiServer.start()) {
 *     KubernetesClient client = api.client();       // reconnects quickly (tests wait less)
 *     api.stop();
 *     api.whileDown(c -> c.pods().inNamespace("default").withName("pod-1").delete());
 *     api.startAgain();                             // same port, same objects
 * }
 * }</pre>
 */
public final class RestartableApiServer implements AutoCloseable {

    private final KubernetesCrudDispatcher store = new KubernetesCrudDispatcher();
    private final int port;
    private KubernetesMockServer server;

    private RestartableApiServer(int port) {
        this.port = port;
    }

    public static RestartableApiServer start() {
        KubernetesMockServer first = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        first.init(loopback(), 0);
        int port = first.getPort();
        first.destroy();
        RestartableApiServer api = new RestartableApiServer(port);
        api.startAgain();
        return api;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private KubernetesMockServer serverOnStore(int wantedPort) {
        KubernetesMockServer s = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), store, false);
        s.init(loopback(), wantedPort);
        return s;
    }

    public synchronized void startAgain() {
        if (server == null) {
            server = serverOnStore(port);
        }
    }

    /** Closes the port and every open connection (watches break). */
    public synchronized void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    /** Changes objects while this server is down, as controllers behind a restarting API server would. */
    public void whileDown(Consumer<KubernetesClient> edits) {
        KubernetesMockServer side = serverOnStore(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(side.getPort())).build()) {
            edits.accept(client);
        } finally {
            side.destroy();
        }
    }

    public int port() {
        return port;
    }

    /** A client of this server that retries a broken watch every 200 ms (fabric8's default starts at 1 s). */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(config(port)).build();
    }

    private static Config config(int port) {
        return new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).withNamespace("default")
                .withWatchReconnectInterval(200).withRequestRetryBackoffInterval(100).build();
    }

    @Override
    public void close() {
        stop();
    }
}
