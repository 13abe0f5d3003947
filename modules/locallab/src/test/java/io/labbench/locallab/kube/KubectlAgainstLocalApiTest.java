package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the local API server: what the study types, with what a learner would check.
 * The netshoot test runs first so the scheduler sees only kube-system's pods, as on the study's fresh cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlAgainstLocalApiTest {

    @TempDir
    static Path dir;
    private InMemoryPodNetwork network;
    private LocalKubeApi api;
    private Kubectl kubectl;

    @BeforeAll
    void start() throws Exception {
        network = InMemoryPodNetwork.study();
        Path home = Files.createDirectories(dir.resolve("home"));
        api = LocalKubeApi.start(network, dir.resolve("kube/config"));
        kubectl = new Kubectl(api.kubeconfig(), home);
        kubectl.await(out -> out.contains("ebs-csi-node") && !out.contains("Pending"),
                "get", "pod", "-n", "kube-system", "-o", "wide");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void clusterRolesAreTheOnesEveryClusterHasWithViewAndEditAggregated() {
        assertThat(kubectl.ok("get", "clusterrole", "-o", "name").lines()).contains(
                "clusterrole.rbac.authorization.k8s.io/cluster-admin", "clusterrole.rbac.authorization.k8s.io/admin",
                "clusterrole.rbac.authorization.k8s.io/edit", "clusterrole.rbac.authorization.k8s.io/view",
                "clusterrole.rbac.authorization.k8s.io/system:discovery",
                "clusterrole.rbac.authorization.k8s.io/system:node-proxier");
        assertThat(kubectl.ok("describe", "clusterrole", "view")).containsPattern("\\n\\s+pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list watch\\]");
        // edit has view's rules (view is labelled aggregate-to-edit) and its own; describe joins them per resource
        assertThat(kubectl.ok("describe", "clusterrole", "edit"))
                .containsPattern("\\n\\s+pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list watch create delete deletecollection patch update\\]");
        assertThat(kubectl.ok("describe", "clusterrole", "cluster-admin")).containsPattern("\\*\\.\\*\\s+\\[\\]\\s+\\[\\]\\s+\\[\\*\\]");
        assertThat(kubectl.ok("get", "clusterrolebinding", "cluster-admin", "-o", "jsonpath={.roleRef.name} {.subjects[0].name}"))
                .isEqualTo("cluster-admin system:masters");
    }

    @Test
    void kubeconfigNamesTheClusterLikeKopsExportAndServesLoopback() throws Exception {
        String config = Files.readString(api.kubeconfig());
        assertThat(config).contains("current-context: pkos.labbench.test").contains("server: https://127.0.0.1:")
                .contains("certificate-authority-data: ").contains("token: ");
        assertThat(kubectl.ok("config", "current-context").strip()).isEqualTo("pkos.labbench.test");
        assertThat(kubectl.ok("version", "-o", "json")).contains("\"gitVersion\": \"v1.24.11\"");
    }

    @Test
    void podWideHeaderAndColumnsEqualTheStudyCluster() {
        String fixtureHeader = StudyManifests.text("kubectl-get-pods-o-wide-ebs-csi-node.txt").split("\n")[0];
        String out = kubectl.ok("get", "pod", "-n", "kube-system", "-l", "app=ebs-csi-node", "-owide");
        List<String> lines = List.of(out.strip().split("\n"));
        assertThat(Kubectl.columns(lines.get(0))).isEqualTo(Kubectl.columns(fixtureHeader));
        assertThat(lines).hasSize(4);
        for (String row : lines.subList(1, 4)) {
            List<String> cells = Kubectl.columns(row);
            assertThat(cells.get(0)).matches("ebs-csi-node-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(cells.get(1)).isEqualTo("3/3");
            assertThat(cells.get(2)).isEqualTo("Running");
            assertThat(cells.get(5)).startsWith("172.30.");
            assertThat(cells.get(6)).startsWith("i-0");
            assertThat(cells.subList(7, 9)).containsExactly("<none>", "<none>");
        }
    }

    @Test
    void kubeSystemLooksLikeTheStudysWithHostNetworkPodsOnNodeIps() {
        String out = kubectl.ok("get", "pod", "-A", "-o", "custom-columns=NAME:.metadata.name,IP:.status.podIP,STATUS:.status.phase");
        assertThat(out).containsPattern("kube-proxy-i-0ad86f23f13499914\\s+172\\.30\\.47\\.189\\s+Running")
                .contains("kube-apiserver-i-0ad86f23f13499914").contains("etcd-manager-main-i-0ad86f23f13499914")
                .contains("kops-controller-").contains("dns-controller-").contains("coredns-autoscaler-");
        assertThat(out.lines().filter(l -> l.matches("aws-node-\\w{5}\\s+172\\.30\\.(47\\.189|62\\.109|77\\.200)\\s+Running"))).hasSize(3);
        assertThat(out.lines().filter(l -> l.matches("coredns-[a-z0-9]{9,10}-\\w{5}\\s+172\\.30\\..*Running"))).hasSize(2);
    }

    @Test
    void nodesShowKopsRolesAndDescribeShowsPodsAllocatable() {
        List<String> lines = List.of(kubectl.ok("get", "nodes").strip().split("\n"));
        assertThat(Kubectl.columns(lines.get(0))).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(lines).anyMatch(l -> l.matches("i-0ad86f23f13499914\\s+Ready\\s+control-plane\\s+\\S+\\s+v1.24.11"));
        assertThat(lines).filteredOn(l -> l.matches("i-0\\w+\\s+Ready\\s+node\\s+.*")).hasSize(2);
        List<String> wide = List.of(kubectl.ok("get", "nodes", "-o", "wide").strip().split("\n"));
        assertThat(Kubectl.columns(wide.get(0))).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION",
                "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
        String describe = kubectl.ok("describe", "node", "i-0f395f78142396d9d");
        String allocatable = describe.substring(describe.indexOf("Allocatable:"), describe.indexOf("System Info:"));
        assertThat(allocatable).containsPattern("\\n  pods:\\s+17\\n").containsPattern("\\n  cpu:\\s+2\\n");
        assertThat(describe).contains("Non-terminated Pods:").contains("Allocated resources:")
                .containsPattern("kube-proxy-i-0f395f78142396d9d\\s+100m \\(5%\\)");
        assertThat(kubectl.ok("describe", "node", "i-0ad86f23f13499914"))
                .contains("Taints:             node-role.kubernetes.io/control-plane:NoSchedule");
    }

    @Test
    @Order(1)
    void netshootPodsApplyTwiceGetVpcIpsAndAnswerExec() {
        Path manifest = StudyManifests.file(dir, "netshoot-2pods.yaml");
        assertThat(kubectl.ok("apply", "-f", manifest.toString())).contains("pod/pod-1 created").contains("pod/pod-2 created");
        assertThat(kubectl.ok("apply", "-f", manifest.toString())).contains("pod/pod-1 unchanged").contains("pod/pod-2 unchanged");
        String ips = kubectl.await(out -> out.matches("172\\.30\\.\\d+\\.\\d+ 172\\.30\\.\\d+\\.\\d+"),
                "get", "pod", "-l", "app=pod", "-o", "jsonpath={.items[*].status.podIP}");
        String nodes = kubectl.ok("get", "pod", "-l", "app=pod", "-o", "custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP");
        assertThat(nodes.lines().skip(1).map(l -> Kubectl.columns(l).get(1)).distinct()).as("two workers").hasSize(2);
        assertThat(nodes).contains(ips.split(" ")[0]);
        assertThat(kubectl.ok("get", "pod", "-l", "app=pod", "-o", "name").lines()).containsExactly("pod/pod-1", "pod/pod-2");

        assertThat(kubectl.ok("exec", "pod-1", "--", "echo", "hi")).isEqualTo("hi\n");
        Kubectl.Result failed = kubectl.run("exec", "pod-1", "--", "sh", "-c", "echo oops >&2; exit 3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).contains("oops").contains("command terminated with exit code 3");
        assertThat(kubectl.runWithInput("from stdin\n", "exec", "-i", "pod-1", "--", "cat").out()).isEqualTo("from stdin\n");

        String describe = kubectl.ok("describe", "pod", "pod-1");
        assertThat(describe).containsPattern("IP:\\s+172\\.30\\.").containsPattern("Requests:\\s+cpu:\\s+100m").doesNotContain("FailedScheduling")
                .containsPattern("Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned default/pod-1 to i-0");
        assertThat(describe).contains("kubernetes.io/limit-ranger: LimitRanger plugin set: cpu request for container netshoot-pod");
    }

    @Test
    void labelAnnotateAndDeleteChangeWhatGetShowsAndFreeThePodNetwork() {
        kubectl.runWithInput(StudyManifests.text("netshoot-2pods.yaml").replace("pod-1", "web-1").replace("pod-2", "web-2")
                .replace("app: pod", "app: web"), "create", "-f", "-");
        kubectl.await(out -> out.contains("Running"), "get", "pod", "web-2");
        assertThat(kubectl.ok("label", "pod", "web-2", "tier=front")).contains("pod/web-2 labeled");
        assertThat(kubectl.ok("annotate", "pod", "web-2", "owner=labbench")).contains("pod/web-2 annotated");
        assertThat(kubectl.ok("get", "pod", "-l", "tier=front", "-o", "name").strip()).isEqualTo("pod/web-2");
        assertThat(kubectl.ok("get", "pod", "-l", "app=web,tier!=front", "-o", "name").strip()).isEqualTo("pod/web-1");
        assertThat(kubectl.ok("get", "pod", "web-2", "-o", "jsonpath={.metadata.annotations.owner}")).isEqualTo("labbench");
        assertThat(kubectl.ok("delete", "pod", "web-2")).contains("pod \"web-2\" deleted");
        Kubectl.Result gone = kubectl.run("get", "pod", "web-2");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).contains("Error from server (NotFound): pods \"web-2\" not found");
        kubectl.await(out -> network.detached.contains("default/web-2"), "get", "pod", "web-1");
    }

    @Test
    void deploymentLogsEventsAndScaleDownLookReal() {
        Path manifest = StudyManifests.file(dir, "nginx-dp.yaml");
        kubectl.ok("apply", "-f", manifest.toString());
        kubectl.await(out -> out.contains("2/2"), "get", "deploy", "nginx-deployment");
        List<String> deploy = List.of(kubectl.ok("get", "deploy", "-o", "wide").strip().split("\n"));
        assertThat(Kubectl.columns(deploy.get(0))).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE",
                "CONTAINERS", "IMAGES", "SELECTOR");
        assertThat(deploy.get(1)).contains("nginx:alpine").contains("app=nginx");
        String rs = kubectl.ok("get", "rs", "-l", "app=nginx", "-o", "name").strip();
        assertThat(rs).matches("replicaset.apps/nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{6,10}");
        assertThat(kubectl.ok("logs", "deploy/nginx-deployment")).contains("Configuration complete; ready for start up");
        String events = kubectl.ok("get", "events");
        assertThat(Kubectl.columns(events.lines().findFirst().orElseThrow())).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(events).containsPattern("Normal\\s+ScalingReplicaSet\\s+deployment/nginx-deployment\\s+Scaled up replica set nginx-deployment-\\w+ to 2");
        assertThat(kubectl.ok("events")).contains("SuccessfulCreate");
        assertThat(kubectl.ok("scale", "deployment", "nginx-deployment", "--replicas=1")).contains("deployment.apps/nginx-deployment scaled");
        kubectl.await(out -> out.lines().count() == 1, "get", "pod", "-l", "app=nginx", "-o", "name");
        assertThat(kubectl.ok("delete", "deployment", "nginx-deployment")).contains("deleted");
        kubectl.await(String::isBlank, "get", "pod", "-l", "app=nginx", "-o", "name");
        assertThat(kubectl.ok("get", "rs", "-l", "app=nginx", "-o", "name")).isBlank();
    }

    @Test
    void echoServiceNlbManifestCreatesALoadBalancerServiceWithPodEndpoints() {
        String out = kubectl.ok("apply", "-f", StudyManifests.file(dir, "echo-service-nlb.yaml").toString());
        assertThat(out).contains("deployment.apps/deploy-echo created").contains("service/svc-nlb-ip-type created");
        List<String> svc = List.of(kubectl.ok("get", "svc", "svc-nlb-ip-type").strip().split("\n"));
        assertThat(Kubectl.columns(svc.get(0))).containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
        assertThat(svc.get(1)).containsPattern("svc-nlb-ip-type\\s+LoadBalancer\\s+100\\.64\\.\\d+\\.\\d+\\s+<pending>\\s+80:3\\d{4}/TCP");
        String ep = kubectl.await(o -> o.matches("(?s).*svc-nlb-ip-type\\s+172\\.30\\.\\d+\\.\\d+:8080,172\\.30\\.\\d+\\.\\d+:8080\\s.*"),
                "get", "endpoints", "svc-nlb-ip-type");
        assertThat(ep).startsWith("NAME");
        // describe reads the EndpointSlices (kubectl 1.32): their unnamed port must carry name "" as the real
        // controller writes it, or kubectl dereferences a nil name and panics (the week-2 walk's s27-annotate)
        String slice = kubectl.await(o -> o.contains("8080"), "get", "endpointslices", "-l", "kubernetes.io/service-name=svc-nlb-ip-type",
                "-o", "jsonpath={.items[0].ports}");
        assertThat(slice).contains("\"name\":\"\"");
        Kubectl.Result described = kubectl.run("describe", "svc", "svc-nlb-ip-type");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.out()).containsPattern("Endpoints:\\s+172\\.30\\.\\d+\\.\\d+:8080,172\\.30\\.\\d+\\.\\d+:8080");
        kubectl.ok("delete", "-f", dir.resolve("echo-service-nlb.yaml").toString());
    }

    @Test
    void getWatchPrintsThePodAsItGoesFromPendingToRunning() throws Exception {
        Path out = dir.resolve("watch.txt");
        // A selector, not a name: `get pod watch-1 -w` fails at once when the pod does not exist yet.
        Process watch = kubectl.startInBackground(out, "get", "pod", "-l", "app=watch", "-w", "-o", "wide");
        try {
            Thread.sleep(2000);
            kubectl.runWithInput(StudyManifests.text("netshoot-2pods.yaml").split("---")[0].replace("pod-1", "watch-1")
                    .replace("app: pod", "app: watch"), "create", "-f", "-");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && !Files.readString(out).matches("(?s).*watch-1\\s+1/1\\s+Running.*")) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(out)).containsPattern("watch-1\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+172\\.30\\.");
        } finally {
            watch.destroy();
            kubectl.run("delete", "pod", "watch-1");
        }
    }

    @Test
    void limitRangeIsKopsDefaultOfOneHundredMillicores() {
        assertThat(kubectl.ok("describe", "limitranges")).containsPattern("Container\\s+cpu\\s+-\\s+-\\s+100m");
        assertThat(Kubectl.columns(kubectl.ok("get", "limitranges").lines().findFirst().orElseThrow()))
                .containsExactly("NAME", "CREATED AT");
    }

    @Test
    void unknownThingsFailTheWayKubectlExplains() {
        Kubectl.Result r = kubectl.run("get", "pod", "nope");
        assertThat(r.err()).contains("Error from server (NotFound): pods \"nope\" not found");
        Kubectl.Result logs = kubectl.run("logs", "-n", "kube-system", "-l", "app=ebs-csi-node", "-c", "nope");
        assertThat(logs.exitCode()).isNotZero();
    }
}
