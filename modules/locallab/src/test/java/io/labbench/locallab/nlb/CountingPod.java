package io.labbench.locallab.nlb;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on loopback standing in for a target pod behind a {@link LoopbackHaproxy}: answers 204 and counts the requests it took. */
public final class CountingPod implements AutoCloseable {

    private final AtomicInteger hits = new AtomicInteger();
    private final HttpServer server;

    public CountingPod() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}, as ELBv2 and the lab's HAProxy name a target. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    /** Requests answered so far. */
    public int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
