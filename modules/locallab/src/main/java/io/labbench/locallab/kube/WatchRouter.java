package io.labbench.locallab.kube;

import io.labbench.locallab.kube.api.BadRequestException;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.StoreException;
import io.labbench.locallab.kube.api.WatchFeed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place watches are routed: every {@code ?watch=true} request, whether it streams over HTTP
 * (kubectl's {@code -w}: chunked JSON lines) or over a WebSocket (fabric8's informers, as in the app's
 * Cluster › Kubernetes… window: one text message per event), gets a {@link WatchFeed} read every
 * {@value #POLL_MILLIS} ms until the client hangs up, the feed ends (410 Gone) or {@code timeoutSeconds}
 * passes. Everything else goes on to the request dispatcher.
 */
final class WatchRouter {

    static final long POLL_MILLIS = 100;

    private volatile Store store;

    /** Watches are answered once the store is set (the server listens before the store is warm). */
    void setStore(Store store) {
        this.store = store;
    }

    /** @return whether the request was a watch and is now being answered here */
    boolean handle(Vertx vertx, HttpServerRequest request) {
        Store store = this.store;
        if (store == null || !WatchFeed.isWatch(request.uri())) {
            return false;
        }
        Optional<WatchFeed> feed;
        try {
            feed = WatchFeed.open(store, request.uri(), request.getHeader("Accept"));
        } catch (BadRequestException e) {
            refuse(request, 400, Json.status(400, "BadRequest", e.getMessage()));
            return true;
        } catch (StoreException e) {
            refuse(request, e.code(), e.getMessage());
            return true;
        }
        if (feed.isEmpty()) {
            return false;
        }
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket().onSuccess(ws -> stream(vertx, feed.get(), ws)).onFailure(e ->
                    refuse(request, 400, Json.status(400, "BadRequest", "WebSocket upgrade failed: " + e.getMessage())));
        } else {
            HttpServerResponse response = request.response();
            response.setChunked(true);
            response.putHeader("Content-Type", "application/json");
            response.setStatusCode(200);
            stream(vertx, feed.get(), response::write, () -> !response.closed() && !response.ended(), response::end,
                    response::closeHandler);
        }
        return true;
    }

    private static void stream(Vertx vertx, WatchFeed feed, ServerWebSocket ws) {
        boolean[] open = {true};
        stream(vertx, feed, ws::writeTextMessage, () -> open[0] && !ws.isClosed(), ws::close, onClose -> ws.closeHandler(v -> {
            open[0] = false;
            onClose.handle(null);
        }));
    }

    private static void stream(Vertx vertx, WatchFeed feed, Consumer<String> write, java.util.function.BooleanSupplier open,
                               Runnable end, Consumer<io.vertx.core.Handler<Void>> onClose) {
        long deadline = System.currentTimeMillis() + feed.timeoutSeconds() * 1000;
        long timer = vertx.setPeriodic(1, POLL_MILLIS, id -> {
            if (!open.getAsBoolean()) {
                vertx.cancelTimer(id);
                return;
            }
            for (String line : feed.poll()) {
                write.accept(line);
            }
            if (feed.ended() || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                end.run();
            }
        });
        onClose.accept(v -> vertx.cancelTimer(timer));
    }

    private static void refuse(HttpServerRequest request, int code, String body) {
        request.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
    }
}
