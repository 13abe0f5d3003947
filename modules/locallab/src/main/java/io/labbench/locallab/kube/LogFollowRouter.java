package io.labbench.locallab.kube;

import io.labbench.locallab.kube.api.ApiPath;
import io.labbench.locallab.kube.api.BadRequestException;
import io.labbench.locallab.kube.api.ExecEndpoint;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.PodLogs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code kubectl logs -f} ({@code pods/<name>/log?follow=true}) of a container that really runs: the
 * output so far (its last {@code tailLines} lines with {@code --tail}), then every byte the container
 * writes, read from its log file every {@value #POLL_MILLIS} ms, in one chunked response kept open until
 * the container's run ends or the client hangs up, as the kubelet streams it. Other log requests (errors,
 * {@code --previous}, the add-ons no runtime runs) go on to the request dispatcher and get one finished body.
 */
final class LogFollowRouter {

    static final long POLL_MILLIS = 100;
    private static final int MAX_CHUNK = 64 * 1024;

    private volatile Function<ApiPath, Optional<ExecEndpoint.LiveLog>> liveLogs = p -> Optional.empty();

    /** Where a request's live log comes from (the dispatcher, once the store is warm). */
    void setSource(Function<ApiPath, Optional<ExecEndpoint.LiveLog>> liveLogs) {
        this.liveLogs = liveLogs;
    }

    /** @return whether the request followed a live log and is now being answered here */
    boolean handle(Vertx vertx, HttpServerRequest request) {
        if (request.method() != HttpMethod.GET || !request.path().endsWith("/log")) {
            return false;
        }
        Optional<ApiPath> path;
        try {
            path = ApiPath.parse(request.uri());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (path.isEmpty() || !path.get().param("follow").equals("true")) {
            return false;
        }
        Optional<ExecEndpoint.LiveLog> live = liveLogs.apply(path.get());
        if (live.isEmpty()) {
            return false;
        }
        byte[] sofar;
        String shown;
        try {
            sofar = Files.exists(live.get().file()) ? Files.readAllBytes(live.get().file()) : new byte[0];
            shown = PodLogs.tail(new String(sofar, StandardCharsets.UTF_8), path.get().param("tailLines"));
        } catch (IOException e) {
            return false; // the dispatcher answers from what it can read
        } catch (BadRequestException e) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(Json.status(400, "BadRequest", e.getMessage()));
            return true;
        }
        HttpServerResponse response = request.response();
        response.setChunked(true);
        response.putHeader("Content-Type", "text/plain");
        response.setStatusCode(200);
        if (!shown.isEmpty()) {
            response.write(shown);
        }
        follow(vertx, live.get(), sofar.length, response);
        return true;
    }

    private static void follow(Vertx vertx, ExecEndpoint.LiveLog live, long from, HttpServerResponse response) {
        long[] offset = {from};
        long timer = vertx.setPeriodic(POLL_MILLIS, POLL_MILLIS, id -> {
            if (response.closed() || response.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            // read "running" first: what the run wrote before it ended is then still sent below
            boolean running = live.running().getAsBoolean();
            try {
                offset[0] += sendNew(live, offset[0], response);
            } catch (IOException e) {
                running = false; // the pod was deleted with its folder
            }
            if (!running) {
                vertx.cancelTimer(id);
                response.end();
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** Writes what the file gained since {@code offset}; returns how many bytes. */
    private static long sendNew(ExecEndpoint.LiveLog live, long offset, HttpServerResponse response) throws IOException {
        long sent = 0;
        try (RandomAccessFile file = new RandomAccessFile(live.file().toFile(), "r")) {
            long length = file.length();
            file.seek(offset);
            while (offset + sent < length) {
                byte[] chunk = new byte[(int) Math.min(MAX_CHUNK, length - offset - sent)];
                file.readFully(chunk);
                response.write(Buffer.buffer(chunk));
                sent += chunk.length;
            }
        }
        return sent;
    }
}
