package io.labbench.locallab.kube;

import io.vertx.core.http.HttpServerRequest;

/**
 * Lets a request in only with the lab's bearer token ({@code Authorization: Bearer …}), as an API
 * server with anonymous access switched off (kOps' default): anything else, on any path, gets the real
 * server's {@code 401 Unauthorized} Status, before it reaches a watch, exec or the store.
 */
final class ApiAuthentication {

    private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    private final ApiCredentials credentials;

    ApiAuthentication(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    /** @return true when the request may go on; otherwise it has been answered with 401 */
    boolean admit(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && credentials.acceptsToken(header.substring(7).trim())) {
            return true;
        }
        request.response().setStatusCode(401).putHeader("Content-Type", "application/json").end(UNAUTHORIZED);
        return false;
    }
}
