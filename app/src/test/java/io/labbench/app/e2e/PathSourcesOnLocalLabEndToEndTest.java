package io.labbench.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.app.aws.LocalLabAwsClients;
import io.labbench.app.path.AwsPathSource;
import io.labbench.app.path.LocalLabPathSource;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsSettings;
import io.labbench.locallab.LabStatus;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.parsers.ConntrackParser;
import io.labbench.packetpath.CounterId;
import io.labbench.packetpath.Direction;
import io.labbench.packetpath.Hop;
import io.labbench.packetpath.HopKind;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.PathResolver;
import io.labbench.packetpath.PathText;
import io.labbench.packetpath.Rewrite;
import io.labbench.packetpath.live.CounterReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both path sources on one real local lab (root): the local one (nsenter, the lab's API) and the AWS one, which
 * reads the same lab the way it reads AWS — every node over the lab's real SSH servers through the app's
 * {@code SessionHub}, the Kubernetes objects through the kubeconfig with fabric8, ELBv2 and EC2 through the SDK
 * against the lab's own AWS endpoint. A ClusterIP Service with three echoserver pods is curled once from a
 * netshoot pod: the Service's KUBE-SVC/KUBE-SEP counters the path names are exactly those that rose, and its
 * DNAT is the one conntrack recorded; the AWS source finds the same path and marks the VPC's hops not observable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PathSourcesOnLocalLabEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tempDir;

    private RunningLocalLab running;
    private LocalLabPathSource local;
    private AwsPathSource aws;
    private AwsClientFactory awsClients;
    private List<String> nodes;
    private String clusterIp;

    @BeforeAll
    void startTheLab() throws Exception {
        assumeTrue(RunningLocalLab.isRoot(), "the local lab builds network namespaces; run as root");
        assumeTrue(RunningLocalLab.onPath("kubectl"), "kubectl is not on PATH");
        running = RunningLocalLab.start(tempDir);
        local = new LocalLabPathSource(running.status, 0, Optional.of(running.lab.settings()));
        nodes = running.status.nodes().stream().map(LabStatus.Node::name).toList();
        awsClients = new LocalLabAwsClients(running.lab.settings()).apply(AwsSettings.defaults());
        aws = new AwsPathSource(running.hub, () -> nodes, AwsPathSource.kubeconfigFile(running.kubeconfig()), awsClients);
        Path manifest = Files.writeString(tempDir.resolve("echo.yaml"), E2eManifests.netshootPod("netpod", running.zone("worker1"))
                + "---\n" + E2eManifests.netshootPod("farpod", running.zone("worker2")) + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: deploy-echo
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: deploy-websrv
                  template:
                    metadata:
                      labels:
                        app: deploy-websrv
                    spec:
                      terminationGracePeriodSeconds: 0
                      containers:
                      - name: akos-websrv
                        image: k8s.gcr.io/echoserver:1.5
                        ports:
                        - containerPort: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-echo
                spec:
                  selector:
                    app: deploy-websrv
                  ports:
                  - port: 80
                    targetPort: 8080
                """);
        running.kubectl("apply", "-f", manifest.toString());
        await(() -> running.kubectl("get", "pod", "--no-headers").lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 5,
                "5 pods running");
        clusterIp = running.kubectl("get", "svc", "svc-echo", "-o", "jsonpath={.spec.clusterIP}").strip();
        await(() -> running.kubectl("get", "ep", "svc-echo", "-o", "jsonpath={.subsets[0].addresses[*].ip}").strip().split("\\s+").length == 3,
                "3 endpoints of svc-echo");
        // kube-proxy has written the three SEP chains on the client's node
        await(() -> local.shell().run("worker1", "iptables-save -t nat").stdout().lines()
                .filter(l -> l.startsWith("-A KUBE-SVC-") && l.contains("default/svc-echo") && l.contains("-j KUBE-SEP-")).count() == 3,
                "svc-echo's three SEP jumps on worker1");
    }

    @AfterAll
    void stopTheLab() throws Exception {
        try {
            if (aws != null) {
                aws.close();
            }
            if (awsClients != null) {
                awsClients.close();
            }
            if (local != null) {
                local.close();
            }
        } finally {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    @Order(1)
    void oneCurlToTheClusterIpRaisesExactlyTheServiceCountersThePathNamesAndItsDnatIsConntracks() throws Exception {
        Set<String> all = Set.copyOf(nodes);
        CounterReading before = local.counters(all);
        String reply = local.shell().run("pod/default/netpod", "curl -s --max-time 10 http://" + clusterIp + ":80/").stdout();
        CounterReading after = local.counters(all);
        assertThat(reply).contains("Hostname: deploy-echo-");
        Map<CounterId, Long> rose = after.rises(before);

        long started = System.nanoTime();
        PacketPath path = local.resolve("netpod", "svc/svc-echo", "", 0);
        System.out.printf("PATH local source netpod → svc/svc-echo traced in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String shown = PathText.render(path, rose);
        System.out.println(shown);
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(serviceCounters(path.counters())).as(shown).isNotEmpty()
                .isEqualTo(serviceCounters(rose.keySet()));
        assertThat(path.counters()).as("every counter the path names rose with the curl\n" + shown).allSatisfy(c ->
                assertThat(rose).containsKey(c));
        assertThat(serviceCounters(path.counters())).as(shown).anySatisfy(c -> assertThat(c.chain()).startsWith("KUBE-SVC-"))
                .anySatisfy(c -> assertThat(c.chain()).startsWith("KUBE-SEP-"));

        // the DNAT the path shows is the one conntrack recorded on worker1 for this connection
        Rewrite dnat = path.hops(Direction.FORWARD).stream().map(Hop::rewrite).flatMap(Optional::stream)
                .filter(r -> r.field().equals("destination")).findFirst().orElseThrow(() -> new AssertionError(shown));
        String netpodIp = podIp("netpod");
        ConntrackEntry entry = conntrack("worker1", netpodIp, clusterIp);
        assertThat(dnat.before()).isEqualTo(clusterIp + ":80");
        assertThat(dnat.after()).isEqualTo(entry.reply().src() + ":" + entry.reply().sport().orElseThrow());
        assertThat(reply).contains("Hostname: " + podNamed(entry.reply().src()));
    }

    @Test
    @Order(2)
    void theAwsSourceReadsTheSameLabOverSshFabric8AndElbv2AndFindsTheSamePathWithTheVpcMarkedNotObservable() throws Exception {
        // a fresh connection, so conntrack holds an entry for both sources to follow. conntrack keeps no start time: the
        // newer of two closed connections is the one with more seconds left, so this curl comes at least a second after
        // the previous test's, or both could show the same whole second and each source follow a different one
        Thread.sleep(1100);
        String reply = local.shell().run("pod/default/netpod", "curl -s --max-time 10 http://" + clusterIp + ":80/").stdout();
        assertThat(reply).contains("Hostname: deploy-echo-");
        PacketPath fromLocal = local.resolve("netpod", "svc/svc-echo", "", 0);
        long started = System.nanoTime();
        PacketPath fromAws = aws.resolve("netpod", "svc/svc-echo", "", 0);
        System.out.printf("PATH AWS source netpod → svc/svc-echo traced in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String shown = PathText.render(fromAws);
        System.out.println(shown);
        assertThat(fromAws.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(fromAws.counters()).as(shown).isEqualTo(fromLocal.counters());
        assertThat(rewrites(fromAws)).as(shown).isEqualTo(rewrites(fromLocal));
        // two connections are in conntrack now, to endpoints picked at random: the path follows the newer one,
        // and the endpoint chain it names is the one that DNATs to where conntrack says
        assertThat(fromAws.hops()).as(shown).filteredOn(h -> h.kind() == HopKind.CONNTRACK && h.direction() == Direction.FORWARD)
                .singleElement().satisfies(h -> assertThat(h.notes()).anySatisfy(n -> assertThat(n).startsWith("conntrack agrees")));
        assertThat(reply).contains("Hostname: " + podNamed(rewrites(fromAws).get(0).after().replaceAll(":\\d+$", "")));
        started = System.nanoTime();
        aws.resolve("netpod", "svc/svc-echo", "", 0);
        System.out.printf("PATH AWS source again (connections up, classes loaded) in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        PacketPath across = aws.resolve("netpod", "farpod", "", 0);
        String acrossShown = PathText.render(across);
        assertThat(across.outcome()).as(acrossShown).isEqualTo(PacketPath.Outcome.DELIVERED);
        List<Hop> vpc = across.hops().stream().filter(h -> h.machine().equals(PathResolver.VPC)).toList();
        assertThat(vpc).as(acrossShown).isNotEmpty().allSatisfy(h -> {
            assertThat(h.kind()).isEqualTo(HopKind.FABRIC);
            assertThat(h.unobservable()).hasValueSatisfying(why -> assertThat(why).startsWith("not observable on AWS: the VPC router"));
        });
        assertThat(across.hops()).as(acrossShown).filteredOn(h -> !h.machine().equals(PathResolver.VPC))
                .allSatisfy(h -> assertThat(h.unobservable()).isEmpty());
        // the same flow on the local source asks the lab's VPC namespace, which AWS would not answer
        assertThat(local.resolve("netpod", "farpod", "", 0).hops()).allSatisfy(h -> assertThat(h.unobservable()).isEmpty());
        // the AWS source's counters come over SSH too
        Set<String> machines = Set.copyOf(across.machines());
        assertThat(aws.counters(machines).packets()).containsKeys(across.counters().toArray(CounterId[]::new));
    }

    @Test
    @Order(3)
    void kopsEc2ToTheNlbGoesListenerTargetGroupTargetAndTheAwsSourceMarksTheNlbNotObservable() throws Exception {
        // the study's 2.6: the controller through kops edit cluster, its IAM policy, an IP-mode NLB Service
        kopsEc2("printf '#!/bin/sh\\nsed -i \"s/^spec:$/spec:\\\\n  awsLoadBalancerController:\\\\n    enabled: true/\" \"$1\"\\n'"
                + " > ~/lbc-editor && chmod +x ~/lbc-editor && EDITOR=~/lbc-editor kops edit cluster --name $KOPS_CLUSTER_NAME"
                + " && kops update cluster --yes");
        kopsEc2("curl -s -o iam_policy.json https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/v2.4.5/docs/install/iam_policy.json"
                + " && aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy --policy-document file://iam_policy.json"
                + " && ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name nodes.$KOPS_CLUSTER_NAME"
                + " && aws iam attach-role-policy --policy-arn arn:aws:iam::$ACCOUNT_ID:policy/AWSLoadBalancerControllerIAMPolicy --role-name masters.$KOPS_CLUSTER_NAME");
        Path nlb = Files.writeString(tempDir.resolve("nlb.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-nlb-ip-type
                  annotations:
                    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
                    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
                spec:
                  ports:
                    - port: 80
                      targetPort: 8080
                      protocol: TCP
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector:
                    app: deploy-websrv
                """);
        running.kubectl("apply", "-f", nlb.toString());
        String[] host = new String[1];
        await(() -> !(host[0] = running.kubectl("get", "svc", "svc-nlb-ip-type", "-o", "jsonpath={.status.loadBalancer.ingress[0].hostname}")
                .strip()).isEmpty(), "the NLB's hostname");
        await(() -> kopsEc2Output("curl -s --max-time 3 http://" + host[0] + "/").contains("Hostname: deploy-echo-"),
                "the NLB answering curl from kops-ec2");

        Set<String> all = Set.copyOf(nodes);
        CounterReading before = local.counters(all);
        assertThat(kopsEc2Output("curl -s --max-time 5 http://" + host[0] + "/")).contains("Hostname: deploy-echo-");
        PacketPath path = local.resolve("kops-ec2", host[0], "", 0);
        Map<CounterId, Long> rose = local.counters(all).rises(before);
        String shown = PathText.render(path, rose);
        System.out.println(shown);
        assertThat(path.outcome()).as(shown).isEqualTo(PacketPath.Outcome.DELIVERED);
        List<Hop> lb = path.hops(Direction.FORWARD).stream().filter(h -> h.kind() == HopKind.LOAD_BALANCER).toList();
        assertThat(lb).as(shown).extracting(Hop::stage).containsExactly("listener", "target group", "target");
        Rewrite toTarget = lb.get(2).rewrite().orElseThrow();
        String target = toTarget.after().replaceAll(":\\d+$", "");
        assertThat(running.kubectl("get", "ep", "svc-echo", "-o", "jsonpath={.subsets[0].addresses[*].ip}")).contains(target);
        assertThat(toTarget.after()).endsWith(":8080");
        // the NLB connects to the target from its own address: the target's node keeps that connection in conntrack
        String targetNode = path.hops(Direction.FORWARD).get(path.hops(Direction.FORWARD).indexOf(lb.get(2)) + 1).machine();
        List<String> nlbAddresses = kopsEc2Output("getent ahostsv4 " + host[0]).lines().map(l -> l.split("\\s+")[0]).distinct().toList();
        assertThat(nlbAddresses).contains(toTarget.before().replaceAll(":\\d+$", ""));
        // a new NLB's first health checks may not have reached this target yet when the curl answered: wait for one
        // (every 10 s) before reading what it left
        String[] ct = new String[1];
        await(() -> ConntrackParser.parse(ct[0] = local.shell().run(targetNode, "conntrack -L -p tcp -d " + target + " 2>/dev/null")
                .stdout()).entries().stream().anyMatch(e -> nlbAddresses.contains(e.original().src())),
                "a connection from the NLB's addresses " + nlbAddresses + " to " + target + " in " + targetNode + "'s conntrack");
        assertThat(ConntrackParser.parse(ct[0]).entries()).as(ct[0]).anySatisfy(e -> assertThat(nlbAddresses).contains(e.original().src()));
        // Which target this curl's flow hashed to is the NLB's to know (the path says so and shows the first healthy
        // one); what the path claims is how the NLB's connections reach that target. The NLB opens one to every
        // target at each health check (10 s), so within a few checks every counter the path names has risen.
        Set<CounterId> named = Set.copyOf(path.counters());
        assertThat(named).as(shown).isNotEmpty();
        await(() -> local.counters(all).rises(before).keySet().containsAll(named),
                "every counter the NLB path names to rise with the NLB's connections to its target");

        PacketPath onAws = aws.resolve("kops-ec2", host[0], "", 0);
        String awsShown = PathText.render(onAws);
        assertThat(onAws.outcome()).as(awsShown).isEqualTo(PacketPath.Outcome.DELIVERED);
        assertThat(onAws.hops()).as(awsShown).filteredOn(h -> h.kind() == HopKind.LOAD_BALANCER).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unobservable()).hasValueSatisfying(why -> assertThat(why)
                        .startsWith("not observable on AWS: the NLB is a managed service")));
        assertThat(onAws.hops()).as(awsShown).filteredOn(h -> h.machine().equals(targetNode)).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unobservable()).isEmpty());
    }

    private void kopsEc2(String script) throws Exception {
        io.labbench.sessions.CommandResult r = running.hub.runner("kops-ec2").orElseThrow().run(script, Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(script + "\n" + r.stdout() + r.stderr()).isZero();
    }

    private String kopsEc2Output(String script) throws Exception {
        return running.hub.runner("kops-ec2").orElseThrow().run(script, Duration.ofSeconds(60)).stdout();
    }

    private static Set<CounterId> serviceCounters(java.util.Collection<CounterId> counters) {
        return counters.stream().filter(c -> c.table().equals("nat") && (c.chain().startsWith("KUBE-SVC-")
                || c.chain().startsWith("KUBE-SEP-") || c.chain().equals("KUBE-SERVICES"))).collect(Collectors.toSet());
    }

    private static List<Rewrite> rewrites(PacketPath path) {
        return path.hops().stream().map(Hop::rewrite).flatMap(Optional::stream).toList();
    }

    private ConntrackEntry conntrack(String node, String src, String dst) throws IOException {
        String out = local.shell().run(node, "conntrack -L -p tcp -s " + src + " -d " + dst + " 2>/dev/null").stdout();
        List<ConntrackEntry> entries = ConntrackParser.parse(out).entries();
        assertThat(entries).as("conntrack on %s for %s → %s:\n%s", node, src, dst, out).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private String podIp(String name) throws Exception {
        return running.kubectl("get", "pod", name, "-o", "jsonpath={.status.podIP}").strip();
    }

    private String podNamed(String ip) throws Exception {
        return running.kubectl("get", "pod", "-o", "wide", "--no-headers").lines().filter(l -> l.contains(" " + ip + " "))
                .map(l -> l.split("\\s+")[0]).findFirst().orElse("(no pod has " + ip + ")");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            Thread.sleep(300);
        }
    }
}
