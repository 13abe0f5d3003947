package io.labbench.aws.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lookup against a loopback server answering as checkip.amazonaws.com does (the address and a newline). */
class PublicAddressLookupTest {

    private final AtomicReference<String> body = new AtomicReference<>("203.0.113.7\n");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private HttpServer server;

    private URI serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain;charset=UTF-8");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheAddressCheckipAnswers() throws Exception {
        assertThat(new PublicAddressLookup(serve(), Duration.ofSeconds(5)).lookup()).isEqualTo("203.0.113.7");
    }

    @Test
    void aPageThatIsNotAnAddressIsRefusedRatherThanGuessedFrom() throws Exception {
        body.set("<html><body>Sign in to the hotel Wi-Fi 10.0.0.1</body></html>");
        PublicAddressLookup lookup = new PublicAddressLookup(serve(), Duration.ofSeconds(5));
        assertThatThrownBy(lookup::lookup).isInstanceOfSatisfying(AwsFailure.class, f -> {
            assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.NETWORK);
            assertThat(f.problem().summary()).contains("did not answer with an IPv4 address").contains("left as it was");
            assertThat(f.problem().nextStep()).contains("/32");
        });
    }

    @Test
    void anHttpErrorSaysWhichStatusCameBack() throws Exception {
        status.set(503);
        body.set("busy");
        PublicAddressLookup lookup = new PublicAddressLookup(serve(), Duration.ofSeconds(5));
        assertThatThrownBy(lookup::lookup).isInstanceOfSatisfying(AwsFailure.class,
                f -> assertThat(f.problem().summary()).contains("HTTP 503"));
    }

    @Test
    void anUnreachableServiceSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PublicAddressLookup lookup = new PublicAddressLookup(URI.create("http://127.0.0.1:" + closedPort + "/"), Duration.ofSeconds(5));
        assertThatThrownBy(lookup::lookup).isInstanceOfSatisfying(AwsFailure.class,
                f -> assertThat(f.problem().summary()).startsWith("Could not reach 127.0.0.1"));
    }
}
