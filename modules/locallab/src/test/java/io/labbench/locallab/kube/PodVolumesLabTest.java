package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.LocalLab;
import io.labbench.locallab.LocalLabProgress;
import io.labbench.locallab.TestLabs;
import io.labbench.locallab.settings.LabSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pod volumes on a real lab, checked with kubectl as a learner would: a ConfigMap at the nginx image's
 * {@code conf.d} replaces its default site (the PROXY v2 manifest's set-up), read-only, without touching
 * the host's {@code /etc/nginx}; secret and emptyDir volumes; a missing ConfigMap holding the pod in
 * ContainerCreating with the kubelet's message until it appears, and an edit of it reaching the mounted file; and each pod's own {@code /root}, so a
 * pod's shell does not read the learner's dotfiles. The lab's folder lies under the host's home here, as
 * the default {@code ~/.local/state/labbench} does, so the pods' files must stay reachable through their
 * own {@code /root}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodVolumesLabTest {

    private Path stateRoot;
    private LocalLab lab;
    private Kubectl kubectl;
    private Path manifests;
    private List<String> hostConfD;

    @BeforeAll
    void up() throws Exception {
        hostConfD = listing(Path.of("/etc/nginx/conf.d"));
        stateRoot = Files.createTempDirectory(Path.of(System.getProperty("user.home")), "lbt-volumes-");
        LabSettings settings = TestLabs.settings(stateRoot);
        lab = new LocalLab(settings);
        lab.up(LocalLabProgress.none());
        kubectl = new Kubectl(settings.kubeconfig(), Files.createDirectories(stateRoot.resolve("home")));
        manifests = Files.createDirectories(stateRoot.resolve("manifests"));
        apply("client.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                    command: ["sleep", "infinity"]
                """);
        apply("site.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: site
                data:
                  default.conf: |
                    server {
                      listen 8080;
                      location / {
                        default_type text/plain;
                        return 200 "site from the ConfigMap on $hostname\\n";
                      }
                    }
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: czNjcjN0      # s3cr3t
                  user: YWRtaW4=          # admin
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: nginx
                    image: nginx:alpine
                    ports:
                    - containerPort: 8080
                    volumeMounts:
                    - name: conf
                      mountPath: /etc/nginx/conf.d
                    - name: db
                      mountPath: /usr/share/nginx/html
                    - name: scratch
                      mountPath: /var/lib/nginx
                  volumes:
                  - name: conf
                    configMap:
                      name: site
                  - name: db
                    secret:
                      secretName: db
                      items:
                      - key: password
                        path: db/password
                  - name: scratch
                    emptyDir: {}
                """);
        kubectl.await(out -> out.lines().filter(l -> l.contains("1/1") && l.contains("Running")).count() == 2,
                "get", "pod", "--no-headers");
    }

    @AfterAll
    void down() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            deleteTree(stateRoot);
        }
    }

    @Test
    void aConfigMapAtConfDReplacesTheImagesDefaultSiteInsideThePodOnly() throws Exception {
        String conf = kubectl.ok("exec", "web", "--", "cat", "/etc/nginx/conf.d/default.conf");
        assertThat(conf).contains("listen 8080;").contains("site from the ConfigMap");
        String ip = kubectl.ok("get", "pod", "web", "-o", "jsonpath={.status.podIP}");
        assertThat(kubectl.ok("exec", "client", "--", "curl", "-s", "--max-time", "10", ip + ":8080"))
                .isEqualTo("site from the ConfigMap on web\n");
        // the image's default.conf is gone with the folder it was in: nothing answers on :80, as on Docker
        assertThat(kubectl.run("exec", "client", "--", "curl", "-s", "--max-time", "5", ip + ":80").exitCode()).isNotZero();
        Kubectl.Result write = kubectl.run("exec", "web", "--", "sh", "-c", "echo x > /etc/nginx/conf.d/extra.conf");
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.err()).contains("Read-only file system");
        // the host's /etc/nginx/conf.d is as it was: the mount lives in the pod's mount namespace only
        assertThat(listing(Path.of("/etc/nginx/conf.d"))).isEqualTo(hostConfD).doesNotContain("extra.conf");
    }

    @Test
    void anNginxPodWithoutVolumesServesTheImagesDefaultSiteFromConfD() {
        kubectl.ok("run", "plain", "--image=nginx", "--port=80");
        try {
            kubectl.await(out -> out.contains("1/1") && out.contains("Running"), "get", "pod", "plain", "--no-headers");
            assertThat(kubectl.ok("exec", "plain", "--", "ls", "/etc/nginx/conf.d").strip()).isEqualTo("default.conf");
            assertThat(kubectl.ok("exec", "plain", "--", "cat", "/etc/nginx/conf.d/default.conf"))
                    .contains("root   /usr/share/nginx/html;");
            String ip = kubectl.ok("get", "pod", "plain", "-o", "jsonpath={.status.podIP}");
            assertThat(kubectl.ok("exec", "client", "--", "curl", "-s", "--max-time", "10", ip)).contains("Welcome to nginx!");
        } finally {
            kubectl.run("delete", "pod", "plain", "--grace-period=0", "--wait=false");
        }
    }

    @Test
    void aSecretVolumeHoldsTheDecodedItemsAndAnEmptyDirIsWritable() {
        assertThat(kubectl.ok("exec", "web", "--", "cat", "/usr/share/nginx/html/db/password")).isEqualTo("s3cr3t");
        // items: only the listed key
        assertThat(kubectl.run("exec", "web", "--", "cat", "/usr/share/nginx/html/user").exitCode()).isNotZero();
        // the kubelet's layout: the key's link points into ..data
        assertThat(kubectl.ok("exec", "web", "--", "readlink", "/usr/share/nginx/html/db").strip()).isEqualTo("..data/db");
        kubectl.ok("exec", "web", "--", "sh", "-c", "echo kept > /var/lib/nginx/note");
        assertThat(kubectl.ok("exec", "web", "--", "cat", "/var/lib/nginx/note")).isEqualTo("kept\n");
        assertThat(Path.of("/var/lib/nginx/note")).doesNotExist();
        assertThat(Path.of("/usr/share/nginx/html/db")).doesNotExist();
    }

    @Test
    void aMissingConfigMapKeepsThePodInContainerCreatingUntilItExists() throws Exception {
        apply("waiting.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: waiting
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: nginx
                    image: nginx:alpine
                    volumeMounts:
                    - name: conf
                      mountPath: /etc/nginx/conf.d
                  volumes:
                  - name: conf
                    configMap:
                      name: not-yet
                """);
        try {
            kubectl.await(out -> out.contains("MountVolume.SetUp failed for volume \"conf\" : configmap \"not-yet\" not found"),
                    "describe", "pod", "waiting");
            String describe = kubectl.ok("describe", "pod", "waiting");
            assertThat(describe).contains("FailedMount").contains("ContainerCreating");
            assertThat(kubectl.ok("get", "pod", "waiting", "--no-headers")).contains("ContainerCreating");
            kubectl.ok("create", "configmap", "not-yet", "--from-literal=default.conf=server { listen 8081; }");
            kubectl.await(out -> out.contains("1/1") && out.contains("Running"), "get", "pod", "waiting", "--no-headers");
            assertThat(kubectl.ok("exec", "waiting", "--", "cat", "/etc/nginx/conf.d/default.conf")).isEqualTo("server { listen 8081; }");
            // an edited ConfigMap reaches the mounted file, as the kubelet's sync brings it (there within about a minute)
            kubectl.ok("patch", "configmap", "not-yet", "--type", "merge", "-p", "{\"data\":{\"default.conf\":\"server { listen 8082; }\"}}");
            kubectl.await(out -> out.equals("server { listen 8082; }"), "exec", "waiting", "--", "cat", "/etc/nginx/conf.d/default.conf");
        } finally {
            kubectl.run("delete", "pod", "waiting", "--grace-period=0", "--wait=false");
        }
    }

    /**
     * A line in the host's {@code ~/.bashrc} must not reach a pod's interactive bash: the pod has its own
     * {@code /root} with the image's dotfiles. The line is put in for the test only and taken out after; the
     * host's own bash reading it shows the check could fail.
     */
    @Test
    void aPodsInteractiveShellDoesNotReadTheHostsBashrc() throws Exception {
        Path bashrc = Path.of(System.getProperty("user.home"), ".bashrc");
        String marker = "LB_HOST_BASHRC_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        boolean existed = Files.exists(bashrc);
        byte[] before = existed ? Files.readAllBytes(bashrc) : new byte[0];
        try {
            Files.writeString(bashrc, new String(before, java.nio.charset.StandardCharsets.UTF_8)
                    + "\nexport " + marker + "=seen  # LabBench test line, removed right after\n");
            String hostShell = TestLabs.sh("bash", "-ic", "echo ${" + marker + ":-unset}");
            assertThat(hostShell).contains("seen");
            String podShell = kubectl.ok("exec", "client", "--", "bash", "-ic", "echo home=$HOME ${" + marker + ":-unset}");
            assertThat(podShell).contains("home=/root unset");
            assertThat(kubectl.ok("exec", "client", "--", "ls", "-A", "/root")).contains(".bashrc").contains(".profile");
        } finally {
            if (existed) {
                Files.write(bashrc, before);
            } else {
                Files.deleteIfExists(bashrc);
            }
        }
    }

    private void apply(String file, String yaml) throws IOException {
        Files.writeString(manifests.resolve(file), yaml);
        kubectl.ok("apply", "-f", manifests.resolve(file).toString());
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
