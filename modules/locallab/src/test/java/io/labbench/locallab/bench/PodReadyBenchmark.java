package io.labbench.locallab.bench;

import io.labbench.locallab.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.LabCleaner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods that run their images, measured (a main, run as root; same class path as {@link LocalLabBenchmark}):
 * start to Ready of single nginx and echoserver pods (created through the API, Ready polled every 5 ms;
 * median of N), then worker1 filled to its 110 pods with serving nginx pods (prefix delegation) until all
 * are Ready, then memory: RSS and PSS per serving pod (its /pause and its container processes) and of
 * the whole lab (this JVM plus every process in the lab's namespaces).
 * <pre>java -cp … io.labbench.locallab.bench.PodReadyBenchmark [N]</pre>
 */
public final class PodReadyBenchmark {

    private PodReadyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Files.createTempDirectory("lbpodbench");
        try (LocalLab lab = new LocalLab(LabSettings.defaults(root, "lbpodb").withPrefixDelegation(110))) {
            lab.up((d, t, m) -> { });
            String api = Files.readAllLines(lab.settings().kubeconfig()).stream().filter(l -> l.trim().startsWith("server:"))
                    .findFirst().orElseThrow().trim().substring("server:".length()).trim();
            HttpClient http = HttpClient.newHttpClient();
            String node = lab.topology().node("worker1").instanceId();
            for (String image : List.of("nginx:alpine", "k8s.gcr.io/echoserver:1.5")) {
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = (image.startsWith("nginx") ? "ng-" : "echo-") + i;
                    int port = image.startsWith("nginx") ? 80 : 8080;
                    long t0 = System.nanoTime();
                    post(http, api + "/api/v1/namespaces/default/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                            + name + "\"},\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + node + "\"},\"containers\":[{\"name\":\"c\","
                            + "\"image\":\"" + image + "\",\"ports\":[{\"containerPort\":" + port + "}],"
                            // the cluster's LimitRange would give each 100m: worker1 would be full of CPU long before 110 pods
                            + "\"resources\":{\"requests\":{\"cpu\":\"1m\"}}}]}}");
                    while (!ready(http, api + "/api/v1/namespaces/default/pods/" + name)) {
                        Thread.sleep(5);
                    }
                    ms.add((System.nanoTime() - t0) / 1_000_000);
                }
                System.out.println(image + ": create to Ready ms " + ms + "  median " + LocalLabBenchmark.median(ms));
            }
            Map<String, long[]> perPod = podMemory(lab);
            List<Long> rss = perPod.values().stream().map(v -> v[0]).toList();
            List<Long> pss = perPod.values().stream().map(v -> v[1]).toList();
            System.out.println("per serving pod (pause + nginx master + worker), " + perPod.size() + " pods: RSS KiB median "
                    + LocalLabBenchmark.median(rss) + ", PSS KiB median " + LocalLabBenchmark.median(pss));
            for (int i = 0; i < n; i++) {
                delete(http, api + "/api/v1/namespaces/default/pods/ng-" + i);
                delete(http, api + "/api/v1/namespaces/default/pods/echo-" + i);
            }
            Thread.sleep(3000);
            int systemPods = runningOn(http, api, node, false);
            int replicas = 110 - systemPods;
            long t0 = System.nanoTime();
            post(http, api + "/apis/apps/v1/namespaces/default/deployments", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                    + "\"metadata\":{\"name\":\"fill\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"fill\"}},"
                    + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"fill\"}},\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + node
                    + "\"},\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}],"
                    + "\"resources\":{\"requests\":{\"cpu\":\"1m\"}}}]}}}}");
            int readyCount = 0;
            while (readyCount < replicas && System.nanoTime() - t0 < 180_000_000_000L) {
                Thread.sleep(100);
                readyCount = runningOn(http, api, node, true);
            }
            long fillMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(readyCount + " serving nginx pods Ready on worker1 (plus " + systemPods + " kube-system pods = "
                    + (readyCount + systemPods) + ") " + fillMs + " ms after the Deployment was created; ENIs "
                    + lab.podNetwork().eniDevices("worker1"));
            Map<String, long[]> all = podMemory(lab);
            long labRss = 0;
            long labPss = 0;
            for (ProcessHandle p : new LabCleaner(lab.settings().prefix(), lab.settings().labDir()).processes()) {
                labRss += LocalLabBenchmark.rssKb(p.pid());
                labPss += pssKb(p.pid());
            }
            long jvm = LocalLabBenchmark.rssKb(ProcessHandle.current().pid());
            System.out.println("per serving pod with " + all.size() + " of them: RSS KiB median "
                    + LocalLabBenchmark.median(all.values().stream().map(v -> v[0]).toList()) + ", PSS KiB median "
                    + LocalLabBenchmark.median(all.values().stream().map(v -> v[1]).toList()));
            System.out.println("whole lab: this JVM RSS " + jvm / 1024 + " MiB; the lab's processes RSS " + labRss / 1024 + " MiB, PSS "
                    + labPss / 1024 + " MiB; total RSS " + (jvm + labRss) / 1024 + " MiB, JVM + PSS " + (jvm + labPss) / 1024 + " MiB");
        }
    }

    /** Pods of the default namespace on {@code node}: all of them, or only those whose Ready condition is True. */
    private static int runningOn(HttpClient http, String api, String node, boolean readyOnly) throws Exception {
        String body = get(http, api + "/api/v1/pods?fieldSelector=spec.nodeName%3D" + node);
        com.fasterxml.jackson.databind.JsonNode items = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("items");
        int count = 0;
        for (com.fasterxml.jackson.databind.JsonNode pod : items) {
            boolean system = pod.path("metadata").path("namespace").asText().equals("kube-system");
            if (readyOnly ? !system && isReady(pod) : system) {
                count++;
            }
        }
        return count;
    }

    private static boolean ready(HttpClient http, String url) throws Exception {
        return isReady(new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(http, url)));
    }

    private static boolean isReady(com.fasterxml.jackson.databind.JsonNode pod) {
        for (com.fasterxml.jackson.databind.JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    /** netns inode → {RSS KiB, PSS KiB} of the processes in that pod namespace (pods with a container process). */
    private static Map<String, long[]> podMemory(LocalLab lab) throws Exception {
        Map<String, long[]> byNetns = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (ProcessHandle p : new LabCleaner(lab.settings().prefix(), lab.settings().labDir()).processes()) {
            String ns;
            try {
                ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "net")).toString();
            } catch (java.io.IOException gone) {
                continue;
            }
            String cmd = p.info().command().orElse("");
            long[] sum = byNetns.computeIfAbsent(ns, k -> new long[2]);
            sum[0] += LocalLabBenchmark.rssKb(p.pid());
            sum[1] += pssKb(p.pid());
            if (cmd.endsWith("nginx")) {
                counts.merge(ns, 1, Integer::sum);
            }
        }
        byNetns.keySet().retainAll(counts.keySet().stream().filter(k -> counts.get(k) >= 2 && counts.get(k) <= 2).toList());
        return byNetns;
    }

    private static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (java.io.IOException e) {
            // gone
        }
        return 0;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " → " + r.statusCode() + ": " + r.body());
        }
    }

    private static void delete(HttpClient http, String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }
}
