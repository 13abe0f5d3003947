package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
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
 * median of N), then worker1 filled to its allocatable with serving nginx pods (prefix delegation, maxPods
 * 110: with the study's 5 kube-system pods already there, 105 more) until all are Ready, F times (a
 * Deployment created, timed to all Ready, deleted; median), then memory: RSS and PSS per serving pod (its
 * /pause and its container processes) and of the whole lab (this JVM plus every process in the lab's
 * namespaces). Prints {@code BENCH} lines for {@code ./run-benchmarks --only pod-ready}.
 * <pre>java -cp … io.labbench.locallab.bench.PodReadyBenchmark [N] [F]</pre>
 */
public final class PodReadyBenchmark {

    private PodReadyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int fills = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = Files.createTempDirectory("lbpodbench");
        try (LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbp")).withPrefixDelegation(110))) {
            lab.up((d, t, m) -> { });
            String api = Files.readAllLines(lab.settings().kubeconfig()).stream().filter(l -> l.trim().startsWith("server:"))
                    .findFirst().orElseThrow().trim().substring("server:".length()).trim();
            HttpClient http = trusting(lab.settings().kubeconfig());
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
                System.out.println("BENCH\tpod create to Ready, " + image + " (median)\t" + LocalLabBenchmark.median(ms) + "\tms\t-\t-");
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
            List<Long> fillMs = new ArrayList<>();
            for (int f = 0; f < fills; f++) {
                fillMs.add(fillToAllocatable(http, api, node, f, f == fills - 1));
            }
            System.out.println("worker1 filled to allocatable, ms each run " + fillMs + "  median " + LocalLabBenchmark.median(fillMs)
                    + "; ENIs " + lab.podNetwork().eniDevices("worker1"));
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
            System.out.println("BENCH\tworker filled to allocatable (105 more nginx pods to Ready, median of " + fills + ")\t"
                    + LocalLabBenchmark.median(fillMs) + "\tms\t-\t<=20000");
            System.out.println("BENCH\tRSS per serving nginx pod, node full (median)\t"
                    + LocalLabBenchmark.median(all.values().stream().map(v -> v[0]).toList()) / 1024.0 + "\tMiB\t-\t<=8");
            System.out.println("BENCH\twhole lab RSS, node full (JVM + lab processes)\t" + (jvm + labRss) / 1024 + "\tMiB\t-\t-");
        }
    }

    /**
     * Fills {@code node} to its allocatable pods (status.allocatable.pods minus the pods already on it)
     * with a Deployment of serving nginx pods and times its creation until every one is Ready; deletes
     * it and waits until the node is back to its kube-system pods unless {@code keep}.
     */
    private static long fillToAllocatable(HttpClient http, String api, String node, int run, boolean keep) throws Exception {
        int allocatable = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(http, api + "/api/v1/nodes/" + node))
                .path("status").path("allocatable").path("pods").asInt();
        int systemPods = runningOn(http, api, node, false);
        int replicas = allocatable - systemPods;
        String name = "fill-" + run;
        long t0 = System.nanoTime();
        post(http, api + "/apis/apps/v1/namespaces/default/deployments", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + node
                + "\"},\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}],"
                + "\"resources\":{\"requests\":{\"cpu\":\"1m\"}}}]}}}}");
        int readyCount = 0;
        while (readyCount < replicas && System.nanoTime() - t0 < 180_000_000_000L) {
            Thread.sleep(200);
            readyCount = runningOn(http, api, node, true);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("run " + run + ": " + readyCount + " of " + replicas + " nginx pods Ready on worker1 (allocatable " + allocatable
                + ", " + systemPods + " kube-system pods there) " + ms + " ms after the Deployment was created");
        if (!keep) {
            delete(http, api + "/apis/apps/v1/namespaces/default/deployments/" + name);
            long t1 = System.nanoTime();
            while (countOn(http, api, node) > 0 && System.nanoTime() - t1 < 120_000_000_000L) {
                Thread.sleep(200);
            }
            System.out.println("run " + run + ": deleted, node back to its kube-system pods after " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        }
        return ms;
    }

    /** Pods of the default namespace on {@code node}, whatever their state. */
    private static int countOn(HttpClient http, String api, String node) throws Exception {
        String body = get(http, api + "/api/v1/namespaces/default/pods?fieldSelector=spec.nodeName%3D" + node);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("items").size();
    }

    /** A client that trusts the lab's CA and sends its token, both read from the lab's kubeconfig. */
    private static HttpClient trusting(Path kubeconfig) throws Exception {
        String ca = "";
        for (String line : Files.readAllLines(kubeconfig)) {
            String t = line.trim();
            if (t.startsWith("certificate-authority-data:")) {
                ca = new String(java.util.Base64.getDecoder().decode(t.substring(t.indexOf(':') + 1).trim()), java.nio.charset.StandardCharsets.US_ASCII);
            } else if (t.startsWith("token:")) {
                token = t.substring("token:".length()).trim();
            }
        }
        return new io.labbench.locallab.kube.ApiCredentials(ca, "", "", token).trustingHttpClient(java.time.Duration.ofSeconds(10));
    }

    private static String token = "";

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
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " → " + r.statusCode() + ": " + r.body());
        }
    }

    private static void delete(HttpClient http, String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }
}
