package io.labbench.locallab.kube;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A JDK HTTP client for the local API server that trusts the lab's CA, with or without its token. */
final class ApiHttp {

    private final HttpClient http;
    private final String url;
    private final String token;

    private ApiHttp(HttpClient http, String url, String token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    static ApiHttp withToken(LocalKubeApi api) throws Exception {
        return new ApiHttp(client(api), api.url(), api.credentials().token());
    }

    static ApiHttp withoutToken(LocalKubeApi api) throws Exception {
        return new ApiHttp(client(api), api.url(), null);
    }

    static ApiHttp withToken(LocalKubeApi api, String token) throws Exception {
        return new ApiHttp(client(api), api.url(), token);
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(LocalKubeApi api) throws Exception {
        return api.credentials().trustingHttpClient(java.time.Duration.ofSeconds(10));
    }
}
