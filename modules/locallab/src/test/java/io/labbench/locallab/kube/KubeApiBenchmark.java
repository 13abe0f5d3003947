package io.labbench.locallab.kube;

import io.labbench.locallab.spi.NodeInfo;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark (not a test) of the local API server with its controllers and the in-memory pod network,
 * one worker with maxPods 110 (the study's prefix-delegation setting):
 * <ol>
 * <li>time from {@code kubectl scale} until the worker is filled to its allocatable (maxPods 110: with the
 *     study's 5 kube-system pods there, 105 more) and all are Running; the pods run no process here (see
 *     {@code bench.PodReadyBenchmark} for the same with real nginx pods to Ready);</li>
 * <li>this JVM's CPU (server, controllers, kubelet) while idle with those pods, as % of one core;</li>
 * <li>time from {@code kubectl delete deployment} until none of its pods is left (the garbage collector
 *     deletes them with their 30 s grace period; the kubelet stops each within about a second), and
 *     the CPU used meanwhile and in the 10 s after;</li>
 * <li>the heap and RSS with 110 pods.</li>
 * </ol>
 * The study deletes the {@code limits} LimitRange first, as otherwise CPU stops the node at ~18 pods.
 * Run from the repository root:
 * <pre>./mvnw -B -ntp -o -q -pl modules/locallab -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/kube-bench-cp.txt -Dmdep.includeScope=test
 * java -cp "modules/locallab/target/classes:modules/locallab/target/test-classes:$(cat /tmp/kube-bench-cp.txt)" \
 *     -Xmx384m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
 *     io.labbench.locallab.kube.KubeApiBenchmark [idle-seconds, default 30]</pre>
 * (the lab daemon's JVM options, from {@code LabDaemonLauncher}).
 */
public final class KubeApiBenchmark {
    private KubeApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
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
            ApiHttp http = ApiHttp.withToken(api);
            kubectl.await(out -> out.contains("2/2"), "get", "deployment", "nginx-deployment");
            int onWorker = count(http, api.url(), "fieldSelector=spec.nodeName=" + worker);
            com.fasterxml.jackson.databind.ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
            int allocatable = json.readTree(http.get("/api/v1/nodes/" + worker).body()).path("status").path("allocatable")
                    .path("pods").asInt();
            int systemPods = json.readTree(http.get("/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName=" + worker).body())
                    .path("items").size();
            // the Deployment's 2 pods stay where they are; it grows by what the node still has room for
            int replicas = 2 + allocatable - onWorker;
            long start = System.nanoTime();
            kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=" + replicas);
            int running;
            do {
                Thread.sleep(50);
                running = count(http, api.url(), "fieldSelector=spec.nodeName=" + worker + ",status.phase=Running");
            } while (running < allocatable && System.nanoTime() - start < Duration.ofMinutes(3).toNanos());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("create: %s filled to its allocatable %d (%d kube-system pods, %d more) %d ms after kubectl scale (running=%d)%n",
                    worker, allocatable, systemPods, allocatable - systemPods, ms, running);
            // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
            System.out.printf("BENCH\tworker filled to allocatable, API and controllers only (%d more pods Running, no processes)\t%d\tms\t-\t<=20000%n",
                    allocatable - systemPods, ms);

            Thread.sleep(10_000); // let the JIT and the last status writes settle
            long rv0 = revision(http, api.url());
            java.util.Map<String, Long> threads0 = threadCpu();
            long cpu0 = cpuNanos();
            long wall0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            long idleWall = System.nanoTime() - wall0;
            System.out.printf("idle with %d pods over %d s: %.2f %% of one core (%d writes)%n", count(http, api.url(), ""),
                    idleSeconds, percent(cpuNanos() - cpu0, idleWall), revision(http, api.url()) - rv0);
            java.util.Map<String, Long> threads1 = threadCpu();
            threads1.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .forEach(e -> System.out.printf("    %-40s %.2f %%%n", e.getKey(), percent(e.getValue(), idleWall)));

            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used after GC: %d MiB; process RSS: %s%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rss());

            long cpu1 = cpuNanos();
            start = System.nanoTime();
            kubectl.ok("delete", "deployment", "nginx-deployment", "--wait=false");
            int left;
            do {
                Thread.sleep(50);
                left = count(http, api.url(), "labelSelector=app%3Dnginx");
            } while (left > 0 && System.nanoTime() - start < Duration.ofMinutes(3).toNanos());
            long deleteNanos = System.nanoTime() - start;
            long cpuDuring = cpuNanos() - cpu1;
            System.out.printf("delete: the deployment's %d pods gone %d ms after kubectl delete deployment (left=%d),"
                    + " CPU meanwhile %.0f %% of one core%n", replicas, deleteNanos / 1_000_000, left, percent(cpuDuring, deleteNanos));
            long cpu2 = cpuNanos();
            Thread.sleep(10_000);
            System.out.printf("the 10 s after the delete: %.2f %% of one core%n", percent(cpuNanos() - cpu2, 10_000_000_000L));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int count(ApiHttp http, String url, String query) throws Exception {
        HttpResponse<String> r = http.get("/api/v1/pods?" + query);
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).path("items").size();
    }

    private static long revision(ApiHttp http, String url) throws Exception {
        HttpResponse<String> r = http.get("/api/v1/namespaces");
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(r.body())
                .path("metadata").path("resourceVersion").asLong();
    }

    /** CPU time by thread name (threads of one name, e.g. a pool's, summed). */
    private static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(info.getThreadName().replaceAll("-\\d+$", "-N"), cpu, Long::sum);
            }
        }
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double percent(long cpuNanos, long wallNanos) {
        return 100.0 * cpuNanos / wallNanos;
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ").substring(6)).findFirst().orElse("?");
    }
}
