package io.labbench.locallab.kube;

import io.labbench.locallab.spi.NodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark (not a test): time until 110 pods are Running on one node with maxPods 110 (the study's
 * prefix-delegation setting) and the in-memory network, and the API server's memory then.
 * The study deletes the {@code limits} LimitRange first, as otherwise CPU stops the node at ~18 pods.
 * Run: {@code java -cp target/classes:target/test-classes:<test classpath> io.labbench.locallab.kube.KubeApiBenchmark}
 */
public final class KubeApiBenchmark {
    private KubeApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mem = 3_900_000L * 1024;
        String worker = "i-0f395f78142396d9d";
        InMemoryPodNetwork network = new InMemoryPodNetwork(List.of(
                new NodeInfo("i-0ad86f23f13499914", "control-plane", "ip-172-30-47-189", "172.30.47.189", "us-east-1a", "t3.medium", 110, 2000, mem),
                new NodeInfo(worker, "node", "ip-172-30-62-109", "172.30.62.109", "us-east-1a", "t3.medium", 110, 2000, mem)));
        Path dir = Files.createTempDirectory("labbench-kube-bench");
        long t0 = System.nanoTime();
        try (LocalKubeApi api = LocalKubeApi.start(network, dir.resolve("config"))) {
            System.out.printf("API server up and kubeconfig written: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Kubectl kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("home")));
            kubectl.await(out -> out.contains("coredns") && !out.contains("Pending"), "get", "pod", "-A");
            kubectl.ok("delete", "limitrange", "limits");
            kubectl.ok("apply", "-f", StudyManifests.file(dir, "nginx-dp.yaml").toString());
            HttpClient http = HttpClient.newHttpClient();
            int onWorker = count(http, api.url(), worker, "") ;
            int replicas = 110 - onWorker + 2;
            long start = System.nanoTime();
            kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=" + replicas);
            int running;
            do {
                Thread.sleep(50);
                running = count(http, api.url(), worker, ",status.phase=Running");
            } while (running < 110 && System.nanoTime() - start < Duration.ofMinutes(3).toNanos());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("110 pods Running on %s: %d ms after kubectl scale (running=%d)%n", worker, ms, running);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used after GC: %d MiB; process RSS: %s%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rss());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int count(HttpClient http, String url, String node, String extra) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/pods?fieldSelector=spec.nodeName="
                + node + extra)).build(), HttpResponse.BodyHandlers.ofString());
        return (int) com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).path("items").size();
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ").substring(6)).findFirst().orElse("?");
    }
}
