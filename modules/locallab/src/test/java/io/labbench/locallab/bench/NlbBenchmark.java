package io.labbench.locallab.bench;

import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.LocalLab;
import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 2.6's NLB on a fresh lab, timed inside kops-ec2: {@code kubectl apply} of the study's NLB
 * Service (its echoserver pods already running) until the Service shows the NLB's hostname and until
 * the first {@code curl -s $NLB} by that name answers (AWS takes minutes; the goal here is 10 s), then the
 * study's 100-curl loop through the NLB beside the same loop straight to a pod's IP, in the same run, and on a
 * worker node the loop through the NLB beside the same loop to the Service's ClusterIP (which only answers
 * inside the cluster), again in the same run.
 * A main, run as root:
 * <pre>./run-benchmarks --only nlb</pre>
 */
public final class NlbBenchmark {

    private NlbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path root = Files.createTempDirectory("labbench-nlbbench");
        LabSettings settings = LabSettings.defaults(root, BenchPrefixes.random("lbn")).withKubeconfig(root.resolve("kubeconfig"));
        try (LocalLab lab = new LocalLab(settings)) {
            LabStatus status = lab.up(LocalLabProgress.none());
            LabStatus.Endpoint e = status.endpoints().stream().filter(x -> x.name().equals("kops-ec2")).findFirst().orElseThrow();
            String manifest = resource("/kube/echo-service-nlb.yaml");
            String deployment = manifest.substring(0, manifest.indexOf("\n---"));
            String service = manifest.substring(manifest.indexOf("\n---") + 4);
            run(e, "cat > ~/echo-dp.yaml <<'EOF'\n" + deployment + "\nEOF\ncat > ~/echo-svc.yaml <<'EOF'\n" + service + "\nEOF\n"
                    + "cat > ~/lbc-editor <<'EOF'\n#!/bin/sh\nsed -i 's/^spec:$/spec:\\n  certManager:\\n    enabled: true\\n"
                    + "  awsLoadBalancerController:\\n    enabled: true/' \"$1\"\nEOF\nchmod +x ~/lbc-editor\n"
                    + "EDITOR=~/lbc-editor kops edit cluster --name ${KOPS_CLUSTER_NAME} && kops update cluster --yes >/dev/null"
                    + " && curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                    + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json >/dev/null"
                    + " && ACCOUNT_ID=$(aws sts get-caller-identity --query 'Account' --output text)"
                    + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name masters.$KOPS_CLUSTER_NAME"
                    // polled, not `kubectl rollout status`: its watch through kops-ec2 has hung past its own --timeout twice
                    + " && kubectl apply -f ~/echo-dp.yaml >/dev/null"
                    + " && for i in $(seq 1 240); do [ \"$(kubectl get deploy deploy-echo -o jsonpath='{.status.availableReplicas}')\" = 2 ] && break; sleep 0.5; done");
            List<Long> hostname = new ArrayList<>();
            List<Long> firstCurl = new ArrayList<>();
            List<Long> addressKnown = new ArrayList<>();
            List<Long> viaNlb = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            List<Long> nodeViaNlb = new ArrayList<>();
            List<Long> nodeViaClusterIp = new ArrayList<>();
            LabStatus.Endpoint worker = status.endpoints().stream().filter(x -> x.name().equals("worker1")).findFirst().orElseThrow();
            for (int round = 0; round < rounds; round++) {
                // times in ms since the apply: the hostname in status, the first answer of `curl $NLB` by that DNS name
                // (the study's way: through the VPC resolver), then the address from the aws CLI and a curl to it
                String out = run(e, "ms() { echo $(( ($(date +%s%N) - S) / 1000000 )); };"
                        + " S=$(date +%s%N); kubectl apply -f ~/echo-svc.yaml >/dev/null;"
                        + " until NLB=$(kubectl get svc svc-nlb-ip-type -o jsonpath='{.status.loadBalancer.ingress[0].hostname}') && [ -n \"$NLB\" ]; do sleep 0.1; done;"
                        + " echo H $(ms);"
                        + " until curl -s --max-time 1 $NLB | grep -q Hostname; do sleep 0.1; done; echo C $(ms);"
                        + " ADDR=$(aws elbv2 describe-load-balancers --query 'LoadBalancers[0].AvailabilityZones[0].LoadBalancerAddresses[0].PrivateIPv4Address' --output text);"
                        + " echo A $(ms);"
                        + " POD=$(kubectl get pod -l app=deploy-websrv -o jsonpath='{.items[0].status.podIP}');"
                        + " loop() { s=$(date +%s%N); for i in $(seq 1 100); do curl -s $1 | grep Hostname; done | sort | uniq -c >/dev/null;"
                        + " echo $(( ($(date +%s%N) - s) / 1000000 )); };"
                        + " echo L $(loop $NLB); echo P $(loop $POD:8080);"
                        + " echo SVC $(kubectl get svc svc-nlb-ip-type -o jsonpath='{.spec.clusterIP}') $NLB");
                // the Service's ClusterIP answers only inside the cluster (kops-ec2 has no route to it): both loops run on a
                // worker node, the ClusterIP one through kube-proxy's DNAT, the NLB one out to the NLB and back, same run
                String[] svc = out.lines().filter(l -> l.startsWith("SVC ")).findFirst().orElseThrow(
                        () -> new IOException("the round printed no ClusterIP/NLB line:\n" + out)).split(" ");
                String onNode = run(worker, "loop() { s=$(date +%s%N); for i in $(seq 1 100); do curl -s $1 | grep Hostname; done"
                        + " | sort | uniq -c >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); };"
                        + " echo N $(loop " + svc[2] + "); echo K $(loop " + svc[1] + ")");
                for (String line : (out + "\n" + onNode).split("\n")) {
                    String[] f = line.trim().split(" ");
                    if (f.length != 2) {
                        continue;
                    }
                    long v = Long.parseLong(f[1]);
                    switch (f[0]) {
                        case "H" -> hostname.add(v);
                        case "C" -> firstCurl.add(v);
                        case "A" -> addressKnown.add(v);
                        case "L" -> viaNlb.add(v);
                        case "P" -> direct.add(v);
                        case "N" -> nodeViaNlb.add(v);
                        case "K" -> nodeViaClusterIp.add(v);
                        default -> { }
                    }
                }
                run(e, "kubectl delete -f ~/echo-svc.yaml >/dev/null;"
                        + " while [ -n \"$(aws elbv2 describe-load-balancers --query 'LoadBalancers[0].LoadBalancerName' --output text | grep k8s)\" ]; do sleep 0.2; done");
            }
            System.out.println("load: " + Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("apply -> EXTERNAL-IP hostname " + hostname + " ms; -> first curl $NLB by its DNS name " + firstCurl
                    + " ms; -> address from aws elbv2 (after that curl) " + addressKnown + " ms");
            System.out.println("100-curl loop through the NLB " + viaNlb + " ms; straight to a pod IP " + direct + " ms (from kops-ec2)");
            System.out.println("100-curl loop on worker1 through the NLB " + nodeViaNlb + " ms; to the Service's ClusterIP " + nodeViaClusterIp + " ms");
            System.out.println("BENCH\tkubectl apply of the NLB Service -> first curl $NLB (by DNS name)\t" + median(firstCurl) + "\tms\t-\t<=10000");
            System.out.println("BENCH\tkubectl apply -> EXTERNAL-IP shows the NLB's hostname\t" + median(hostname) + "\tms\t-\t-");
            System.out.println("BENCH\tEXTERNAL-IP shown -> first curl $NLB answers\t" + (median(firstCurl) - median(hostname)) + "\tms\t-\t-");
            System.out.println("BENCH\tstudy's 100-curl loop via the NLB, from kops-ec2 (ref: same loop to a pod IP)\t" + median(viaNlb)
                    + "\tms\t" + median(direct) + "\t-");
            // goal: the NLB hop (HAProxy in its namespace, the VPC router twice) costs at most half again the in-cluster path
            System.out.println("BENCH\tstudy's 100-curl loop via the NLB, from worker1 (ref: same loop to the Service's ClusterIP, same node)\t"
                    + median(nodeViaNlb) + "\tms\t" + median(nodeViaClusterIp) + "\t<=1.5x");
        }
    }

    private static String run(LabStatus.Endpoint e, String script) throws IOException {
        return ProcessRunner.run(List.of("ssh", "-F", "/dev/null", "-i", e.privateKey(), "-o", "UserKnownHostsFile=" + e.knownHosts(),
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-p", Integer.toString(e.port()), e.user() + "@" + e.host(), script), "");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NlbBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
