package io.labbench.locallab.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.labbench.locallab.tls.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of fabric8's mock web server (its Vert.x request and WebSocket handlers) on a free
 * loopback port, over TLS with the lab's serving certificate, every request first passing
 * {@link ApiAuthentication}. fabric8's own {@code MockWebServer} offers WebSocket subprotocols up to
 * {@code v4.channel.k8s.io} only, and kubectl 1.30+ asks for {@code v5.channel.k8s.io} alone before it
 * falls back to SPDY, which the mock server cannot speak; so this server offers v5 and v4.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private static final List<String> SUBPROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    private final Vertx vertx;
    private final HttpServer server;

    private LoopbackHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static LoopbackHttpServer start(String host, Dispatcher dispatcher, WatchRouter watches, LogFollowRouter logs,
                                    CompletableFuture<ApiCredentials> credentialsReady) throws IOException {
        Vertx vertx = Vertx.vertx();
        ApiCredentials credentials;
        try {
            credentials = credentialsReady.join();
        } catch (CompletionException e) {
            vertx.close();
            throw new IOException("could not make the local lab API server's certificates: " + e.getCause().getMessage(),
                    e.getCause());
        }
        ApiAuthentication authentication = new ApiAuthentication(credentials);
        KeyManagerFactory keyManagers;
        try {
            keyManagers = keyManagers(credentials);
        } catch (GeneralSecurityException e) {
            vertx.close();
            throw new IOException("the local lab API server's certificate or key cannot be used: " + e.getMessage(), e);
        }
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(0)
                .setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap(keyManagers))
                .setSslEngineOptions(new JdkServerTlsEngine())
                .setWebSocketSubProtocols(SUBPROTOCOLS)
                .setHandle100ContinueAutomatically(true);
        HttpServer server = vertx.createHttpServer(options);
        HttpServerRequestHandler mockHandler = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        server.requestHandler(request -> {
            if (!authentication.admit(request)) {
                return;
            }
            // Watches and followed logs stream for minutes (over HTTP or a WebSocket); fabric8's handler
            // answers with one finished body.
            if (!watches.handle(vertx, request) && !logs.handle(vertx, request)) {
                mockHandler.handle(request);
            }
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IOException("could not listen on " + host + " for the local lab's Kubernetes API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IOException("interrupted while starting the local lab's Kubernetes API", e);
        }
        return new LoopbackHttpServer(vertx, server);
    }

    /**
     * The serving key and certificate for Vert.x. Not its {@code PemKeyCertOptions}: that turns the PEM into a
     * PKCS#12 store in memory, whose key protection (PBKDF2, 10,000 rounds of HMAC-SHA256, once to store and
     * once to read) was a tenth of a cold API server's start-up CPU. A JKS store's protection costs next to
     * nothing, and this store never leaves memory.
     */
    static KeyManagerFactory keyManagers(ApiCredentials credentials) throws GeneralSecurityException {
        char[] password = "in-memory only".toCharArray();
        KeyStore store = KeyStore.getInstance("JKS");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("an empty key store cannot be made: " + e.getMessage(), e);
        }
        store.setKeyEntry("api-server", Pem.ecPrivateKey(credentials.serverKeyPem()), password,
                new Certificate[] {Pem.certificate(credentials.serverCertPem())});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the port and threads go with the JVM at worst
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
