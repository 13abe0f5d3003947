package io.labbench.aws.net;

import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Asks a "what is my IP" service for the learner's public IPv4 address. AWS's own
 * {@code checkip.amazonaws.com} is the default: it answers with the address the security group will
 * see, which behind NAT is not any address of this machine. The URL is a parameter so tests can point
 * it at a loopback server.
 */
public final class PublicAddressLookup {

    public static final URI CHECKIP = URI.create("https://checkip.amazonaws.com/");

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final String NEXT_STEP = "Check the network connection and try again, or type your address followed by /32 into the field yourself.";

    private final URI source;
    private final Duration timeout;
    private final HttpClient http;

    public PublicAddressLookup(URI source, Duration timeout) {
        this.source = source;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public static PublicAddressLookup checkip() {
        return new PublicAddressLookup(CHECKIP, Duration.ofSeconds(10));
    }

    public URI source() {
        return source;
    }

    /** The public IPv4 address, e.g. {@code 203.0.113.7}; blocks for up to the timeout (call it off the JavaFX thread). */
    public String lookup() throws AwsFailure {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(source).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure("Could not reach " + source.getHost() + " to look up your public address ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("The public address lookup was cancelled", e);
        }
        if (response.statusCode() != 200) {
            throw failure(source.getHost() + " answered HTTP " + response.statusCode() + " instead of your public address", null);
        }
        String body = response.body().strip();
        if (!IPV4.matcher(body).matches()) {
            // A captive portal or proxy page: never guess an address from it.
            throw failure(source.getHost() + " did not answer with an IPv4 address (got " + preview(body) + ")", null);
        }
        return body;
    }

    private static String preview(String body) {
        String line = body.lines().findFirst().orElse("");
        return line.isEmpty() ? "an empty answer" : "\"" + (line.length() > 40 ? line.substring(0, 40) + "…" : line) + "\"";
    }

    private static AwsFailure failure(String summary, Throwable cause) {
        return new AwsFailure(new AwsProblem(AwsProblem.Kind.NETWORK, summary + "; the SSH CIDR field was left as it was", NEXT_STEP, ""), cause);
    }
}
