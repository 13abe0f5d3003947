package io.labbench.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A local HTTP server that answers the SDK the way AWS does on the wire: query-protocol services
 * (STS, CloudFormation, EC2, ELBv2, IAM) by their {@code Action} form field, REST services (S3,
 * Route 53) by method and path, JSON services (ACM) by {@code X-Amz-Target}. Answers are queued per
 * operation, so a test can script "throttled once, then fine" or a stack that progresses over polls;
 * the last answer of a queue repeats. Every request is recorded for assertions.
 */
public final class FakeAwsEndpoint implements AutoCloseable {

    /** Recognisable fake credentials: tests assert they never leak anywhere. */
    public static final String FAKE_ACCESS_KEY_ID = "AKIAFAKELABBENCH0001";
    public static final String FAKE_SECRET_KEY = "fakeSecretKeyLabBench/DoNotLeak/0123456789";

    public record Answer(int status, String contentType, String body) {
    }

    public record Request(String method, String path, String operation, Map<String, String> params, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public FakeAwsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AwsClientFactory clients() {
        return new AwsClientFactory(AwsSettings.defaults().withEndpoint(uri()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(FAKE_ACCESS_KEY_ID, FAKE_SECRET_KEY)));
    }

    /** Queues answers for an operation: a query Action, {@code METHOD /path} for REST, or a JSON target. */
    public synchronized FakeAwsEndpoint on(String operation, Answer... queued) {
        answers.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(queued));
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String operation) {
        return requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    public static Answer xml(String body) {
        return new Answer(200, "text/xml", body);
    }

    public static Answer json(String body) {
        return new Answer(200, "application/x-amz-json-1.1", body);
    }

    /** A query-protocol error, as STS/CloudFormation/ELBv2/IAM send them. */
    public static Answer queryError(int status, String code, String message) {
        return new Answer(status, "text/xml", "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>b1c5f1e4-0000-4000-8000-000000000000</RequestId></ErrorResponse>");
    }

    /** An EC2 error (EC2 has its own envelope). */
    public static Answer ec2Error(int status, String code, String message) {
        return new Answer(status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>ea966190-0000-4000-8000-000000000000</RequestID></Response>");
    }

    public static String resource(String path) {
        try (InputStream in = FakeAwsEndpoint.class.getResourceAsStream("/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        String operation = params.containsKey("Action") ? params.get("Action")
                : target != null ? target : exchange.getRequestMethod() + " " + path;
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), operation, params, body));
        Answer answer = next(operation);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", "0f1e2d3c-0000-4000-8000-000000000000");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private synchronized Answer next(String operation) {
        Deque<Answer> queue = answers.get(operation);
        if (queue == null || queue.isEmpty()) {
            return new Answer(400, "text/xml", "<ErrorResponse><Error><Code>InvalidAction</Code><Message>the fake endpoint has no answer for "
                    + operation + "</Message></Error></ErrorResponse>");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
