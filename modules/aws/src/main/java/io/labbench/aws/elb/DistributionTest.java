package io.labbench.aws.elb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The study's load-distribution check ({@code for i in $(seq 1 100); do curl -s $NLB | grep Hostname;
 * done | sort | uniq -c}): N requests to the NLB, counted by the pod that answered. The echoserver
 * prints {@code Hostname: <pod name>}; anything else is counted under its HTTP status.
 */
public final class DistributionTest {

    private static final Pattern HOSTNAME = Pattern.compile("(?m)^\\s*Hostname:\\s*(\\S+)");

    public record Histogram(Map<String, Integer> answersByPod, int failures, Duration elapsed) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Histogram run(URI target, int requests, IntConsumer progress) {
        Map<String, Integer> counts = new TreeMap<>();
        int failures = 0;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = HOSTNAME.matcher(response.body());
                counts.merge(m.find() ? m.group(1) : "HTTP " + response.statusCode(), 1, Integer::sum);
            } catch (IOException e) {
                failures++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            progress.accept(i + 1);
        }
        return new Histogram(counts, failures, Duration.ofNanos(System.nanoTime() - start));
    }
}
