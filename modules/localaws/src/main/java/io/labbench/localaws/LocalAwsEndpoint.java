package io.labbench.localaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.labbench.localaws.service.AcmApi;
import io.labbench.localaws.service.CloudFormationApi;
import io.labbench.localaws.service.Ec2Api;
import io.labbench.localaws.service.Elbv2Api;
import io.labbench.localaws.service.IamApi;
import io.labbench.localaws.service.Route53Api;
import io.labbench.localaws.service.S3Api;
import io.labbench.localaws.service.ServiceApi;
import io.labbench.localaws.service.StsApi;
import io.labbench.localaws.state.LabCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local AWS endpoint: an HTTP server on loopback only (the lab relays it into its namespaces)
 * that verifies each request's SigV4 signature with the lab's credentials and hands it to the
 * service named in the signature's credential scope. Unsigned requests and requests signed with other
 * keys get the service's own refusal; a service or call the lab does not emulate gets an AWS-shaped
 * error that names what it does.
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final SigV4Verifier verifier;
    private final Map<String, ServiceApi> services = new LinkedHashMap<>();
    private final LabCredentials credentials;
    private final IamApi iam;

    private LocalAwsEndpoint(HttpServer server, LabCredentials credentials, LabCloud cloud, Clock clock, List<ServiceApi> extra) {
        this.server = server;
        this.credentials = credentials;
        this.verifier = new SigV4Verifier(credentials, clock);
        this.iam = new IamApi(cloud, clock);
        for (ServiceApi api : List.of(new Ec2Api(cloud), new StsApi(cloud, credentials.accessKeyId()), new S3Api(cloud, clock),
                new CloudFormationApi(cloud), iam, new Elbv2Api(cloud), new Route53Api(cloud), new AcmApi(cloud))) {
            services.put(api.signingName(), api);
        }
        extra.forEach(api -> services.put(api.signingName(), api));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "localaws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the endpoint on {@code 127.0.0.1} (port 0: any free one).
     *
     * @param extra lab services beyond AWS's, found by their signing name like the others (the lab's kops)
     */
    public static LocalAwsEndpoint start(LabCloud cloud, LabCredentials credentials, int port, List<ServiceApi> extra) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        LocalAwsEndpoint endpoint = new LocalAwsEndpoint(server, credentials, cloud, Clock.systemUTC(), extra);
        server.setExecutor(endpoint.workers);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public static LocalAwsEndpoint start(LabCloud cloud, LabCredentials credentials) throws IOException {
        return start(cloud, credentials, 0, List.of());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public LabCredentials credentials() {
        return credentials;
    }

    /** The IAM side's attachments, for lab parts that act on the study's policies. */
    public IamApi iam() {
        return iam;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            AwsReply reply;
            try {
                reply = answer(read(exchange));
            } catch (RuntimeException e) {
                reply = AwsErrors.error(AwsErrors.Shape.QUERY, 500, "InternalFailure", "the local lab's endpoint failed: " + e);
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            // a HEAD answer keeps the object's Content-Length (S3 HeadObject reports the size with it)
            reply.headers().forEach((k, v) -> {
                if (head || !k.equalsIgnoreCase("Content-Length")) {
                    exchange.getResponseHeaders().add(k, v);
                }
            });
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().putIfAbsent("x-amzn-RequestId", List.of(java.util.UUID.randomUUID().toString()));
            if (reply.body().length == 0 || head) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    AwsReply answer(AwsHttpRequest request) {
        SigV4Verifier.Outcome outcome = verifier.verify(request);
        if (outcome instanceof SigV4Verifier.Refused refused) {
            return AwsErrors.refused(refused, AwsErrors.shapeOf(refused.service().orElseGet(() -> guessService(request))));
        }
        SigV4Verifier.Signed signed = (SigV4Verifier.Signed) outcome;
        ServiceApi api = services.get(signed.service());
        if (api == null) {
            return AwsErrors.error(AwsErrors.shapeOf(signed.service()), 400, "InvalidAction", "The local lab does not emulate the "
                    + signed.service() + " service; it answers " + String.join(", ", services.keySet()) + ".");
        }
        return api.handle(request);
    }

    /** For an unsigned request: the shape it most likely expects (no credential scope names the service). */
    private static String guessService(AwsHttpRequest request) {
        if (request.header("x-amz-target").isPresent()) {
            return "acm";
        }
        if (request.rawPath().startsWith("/2013-04-01/")) {
            return "route53";
        }
        String form = request.form().getOrDefault("Version", "");
        if (form.equals("2016-11-15")) {
            return "ec2";
        }
        return request.form().containsKey("Action") ? "sts" : "s3";
    }

    private static AwsHttpRequest read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        String encoding = String.join(",", headers.getOrDefault("Content-encoding", List.of()));
        String payload = String.join(",", headers.getOrDefault("X-amz-content-sha256", List.of()));
        if (encoding.contains("aws-chunked") || payload.startsWith("STREAMING-")) {
            body = dechunk(body);
        }
        return new AwsHttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    /** {@code aws-chunked}: {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n} … {@code 0\r\n} trailers. */
    static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
