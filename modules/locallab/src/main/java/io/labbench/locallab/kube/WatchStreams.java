package io.labbench.locallab.kube;

import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.WatchFeed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * Streams {@code ?watch=true} answers as chunked JSON lines, polling the store every 300 ms, until
 * kubectl hangs up or {@code timeoutSeconds} passes.
 */
final class WatchStreams {

    private volatile Store store;

    /** Watches are answered once the store is set (the server listens before the store is warm). */
    void setStore(Store store) {
        this.store = store;
    }

    /** @return whether the request was a watch and is now being answered here */
    boolean handle(Vertx vertx, HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        Store store = this.store;
        if (store == null || !WatchFeed.isWatch(request.uri()) || (upgrade != null && !upgrade.isEmpty())) {
            return false;
        }
        Optional<WatchFeed> feed = WatchFeed.open(store, request.uri(), request.getHeader("Accept"));
        if (feed.isEmpty()) {
            return false;
        }
        HttpServerResponse response = request.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "application/json");
        response.setStatusCode(200);
        long deadline = System.currentTimeMillis() + feed.get().timeoutSeconds() * 1000;
        long timer = vertx.setPeriodic(10, 300, id -> {
            if (response.closed() || response.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                response.end();
                return;
            }
            for (String line : feed.get().poll()) {
                response.write(line);
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
        return true;
    }
}
