package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.VpcCniPodNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmarks of the local lab (a main, not a unit test; run as root):
 * {@code lab up} time (median of N), time to wire 110 pods on one node with prefix delegation,
 * and the lab's memory (this JVM's RSS and the relay processes').
 * <pre>mvn -o -q -pl modules/locallab test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt):modules/locallab/target/classes:modules/locallab/target/test-classes" \
 *   io.labbench.locallab.bench.LocalLabBenchmark 5</pre>
 * With {@code hold} as argument it builds one lab and waits for Enter, to poke at it by hand.
 * With {@code cli <labbench-app.jar> [N]} it times the real {@code labbench lab up --json} (two cold JVMs:
 * the command line and the lab's daemon) N times, with the daemon's phases from its {@code TIMING} lines,
 * and the daemon's and the lab's processes' memory; see {@link CliUpBenchmark}. With {@code cli-ab <a.jar> <b.jar> [N]}
 * it compares two builds run by run alternately (the same load for both on a busy machine).
 * With {@code pods110} it times worker1 filled to its allocatable through kubectl (prefix delegation, maxPods
 * 110: the kube-system pods already there and 105 more Running); {@link PodReadyBenchmark} times the same to
 * Ready with serving nginx pods, the figure {@code ./run-benchmarks --only pod-ready} reports.
 */
public final class LocalLabBenchmark {

    private LocalLabBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("lbbench");
        if (args.length > 0 && args[0].equals("hold")) {
            try (LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbh")))) {
                System.out.println(io.labbench.locallab.LabStateFile.toJson(lab.up((d, t, m) -> System.out.println(d + "/" + t + " " + m))));
                System.out.println("lab up; press Enter to take it down");
                System.in.read();
            }
            return;
        }
        if (args.length > 0 && args[0].equals("cli-ab")) {
            CliUpBenchmark.runAlternating(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 5, root);
            return;
        }
        if (args.length > 0 && args[0].equals("cli")) {
            CliUpBenchmark.run(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5, root);
            return;
        }
        if (args.length > 0 && args[0].equals("pods110")) {
            podsRunningOnOneNode(root);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Long> ups = new ArrayList<>();
        List<Long> downs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbb")));
            long t0 = System.nanoTime();
            StringBuilder steps = new StringBuilder();
            long[] last = {t0};
            lab.up((d, t, m) -> {
                long now = System.nanoTime();
                steps.append(String.format(" +%dms [%d/%d %s]", (now - last[0]) / 1_000_000, d, t, m.split(" ")[0]));
                last[0] = now;
            });
            System.out.println("run " + i + ":" + steps);
            long t1 = System.nanoTime();
            lab.down();
            long t2 = System.nanoTime();
            ups.add((t1 - t0) / 1_000_000);
            downs.add((t2 - t1) / 1_000_000);
        }
        System.out.println("lab up ms (each run): " + ups + "  median " + median(ups));
        // Machine-readable line for ./run-benchmarks: metric, value, unit, reference, goal.
        System.out.println("BENCH\tlocal lab up (in-process)\t" + median(ups) + "\tms\t-\t-");
        List<Long> kernelOnly = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            LabSettings settings = LabSettings.defaults(root, BenchPrefixes.random("lbk"));
            io.labbench.locallab.net.LabTopology topology = settings.topology();
            long t0 = System.nanoTime();
            new io.labbench.locallab.net.LabNetworkBuilder(topology, new io.labbench.locallab.net.KernelAccess.Root()).build();
            kernelOnly.add((System.nanoTime() - t0) / 1_000_000);
            new io.labbench.locallab.net.LabCleaner(settings.prefix(), settings.labDir()).clean();
        }
        System.out.println("kernel build only (6 namespaces, 10 veths, routes, rules, sysctls, iptables) ms: " + kernelOnly
                + "  median " + median(kernelOnly));
        System.out.println("lab down ms (each run): " + downs + "  median " + median(downs));

        try (LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbb")).withPrefixDelegation(110))) {
            lab.up((d, t, m) -> { });
            VpcCniPodNetwork pods = lab.podNetwork();
            Thread.sleep(2000); // the Kubernetes side wires its kube-system pods first
            int before = pods.usage("worker1").pods();
            int attached = 0;
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 120; i++) {
                    pods.attach("default", "nginx-" + i, "worker1", false);
                    attached++;
                }
            } catch (io.labbench.locallab.net.IpamException full) {
                // worker1 is at maxPods
            }
            long t1 = System.nanoTime();
            System.out.println("attach " + attached + " pods on worker1 (prefix delegation; " + before
                    + " kube-system pods were there) until maxPods " + pods.usage("worker1").pods() + ": " + (t1 - t0) / 1_000_000
                    + " ms (" + (t1 - t0) / 1_000_000 / Math.max(1, attached) + " ms/pod), ENIs " + pods.eniDevices("worker1"));
            System.out.println("memory: this JVM RSS " + rssKb(ProcessHandle.current().pid()) / 1024 + " MiB (heap used "
                    + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024) + " MiB); relay processes "
                    + relayRssKb(lab) + " KiB total");
            long t2 = System.nanoTime();
            for (int i = 0; i < attached; i++) {
                pods.detach("default", "nginx-" + i);
            }
            System.out.println("detach 110 pods: " + (System.nanoTime() - t2) / 1_000_000 + " ms");
            // pods the kubelet wired (a Deployment through kubectl), then down: it no longer detaches them one by one
            String kubeconfig = lab.settings().kubeconfig().toString();
            int replicas = 150;
            long t3 = System.nanoTime();
            io.labbench.locallab.net.ProcessRunner.run(List.of("kubectl", "--kubeconfig", kubeconfig, "apply", "-f", "-"),
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bench}\nspec:\n  replicas: " + replicas
                    + "\n  selector: {matchLabels: {app: bench}}\n  template:\n    metadata: {labels: {app: bench}}\n"
                    + "    spec: {containers: [{name: nginx, image: nginx, resources: {requests: {cpu: 1m}}}]}\n");
            long running = 0;
            while (running < replicas && System.nanoTime() - t3 < 120_000_000_000L) {
                Thread.sleep(200);
                running = io.labbench.locallab.net.ProcessRunner.run(List.of("kubectl", "--kubeconfig", kubeconfig, "get", "pod",
                        "--field-selector=status.phase=Running", "-o", "name"), "").lines().count();
            }
            System.out.println(running + " of " + replicas + " Deployment pods Running (two workers) after "
                    + (System.nanoTime() - t3) / 1_000_000 + " ms; pods wired: " + pods.pods().size());
            long t4 = System.nanoTime();
            lab.down();
            System.out.println("lab down with " + running + " kubelet pods: " + (System.nanoTime() - t4) / 1_000_000 + " ms");
        }
    }

    /**
     * The study's goal: one node filled to its allocatable (prefix delegation, kubelet maxPods 110). A
     * Deployment pinned to worker1 adds 110 minus the kube-system pods already there (the study's 5: 105
     * more); timed from {@code kubectl apply} until kubectl lists 110 Running pods on worker1.
     */
    static void podsRunningOnOneNode(Path root) throws Exception {
        try (LocalLab lab = new LocalLab(LabSettings.defaults(root, BenchPrefixes.random("lbq")).withPrefixDelegation(110))) {
            lab.up((d, t, m) -> { });
            String kubeconfig = lab.settings().kubeconfig().toString();
            String node = lab.topology().node("worker1").instanceId(); // kOps names nodes by instance ID
            List<String> runningOnNode = List.of("kubectl", "--kubeconfig", kubeconfig, "get", "pod", "-A", "-o", "name",
                    "--field-selector=spec.nodeName=" + node + ",status.phase=Running");
            long systemPods = 0;
            for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(500)) {
                long now = io.labbench.locallab.net.ProcessRunner.run(runningOnNode, "").lines().count();
                if (now > 0 && now == systemPods) {
                    break; // the kube-system pods have settled
                }
                systemPods = now;
            }
            int replicas = (int) (110 - systemPods);
            long t0 = System.nanoTime();
            io.labbench.locallab.net.ProcessRunner.run(List.of("kubectl", "--kubeconfig", kubeconfig, "apply", "-f", "-"),
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: fill}\nspec:\n  replicas: " + replicas
                    + "\n  selector: {matchLabels: {app: fill}}\n  template:\n    metadata: {labels: {app: fill}}\n"
                    + "    spec:\n      nodeSelector: {kubernetes.io/hostname: " + node + "}\n"
                    + "      containers: [{name: nginx, image: nginx, resources: {requests: {cpu: 1m}}}]\n");
            long running = 0;
            while (running < 110 && System.nanoTime() - t0 < 120_000_000_000L) {
                Thread.sleep(200);
                running = io.labbench.locallab.net.ProcessRunner.run(runningOnNode, "").lines().count();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(running + " pods Running on worker1 (" + systemPods + " kube-system + " + replicas
                    + " of a Deployment) " + ms + " ms after kubectl apply; ENIs " + lab.podNetwork().eniDevices("worker1"));
            System.out.println("memory with them: this JVM RSS " + rssKb(ProcessHandle.current().pid()) / 1024
                    + " MiB; the lab's other processes " + relayRssKb(lab) / 1024 + " MiB");
        }
    }

    private static long relayRssKb(LocalLab lab) throws Exception {
        long total = 0;
        for (ProcessHandle p : new io.labbench.locallab.net.LabCleaner(lab.settings().prefix(), lab.settings().labDir()).processes()) {
            total += rssKb(p.pid());
        }
        return total;
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return 0;
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
