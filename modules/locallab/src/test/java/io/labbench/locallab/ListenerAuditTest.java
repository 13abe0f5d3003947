package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, "the same for every other listener the lab opens": with a lab up, every TCP port that this
 * JVM or a process it started listens on in the machine's own network namespace (as {@code ss -ltnp}
 * lists them) is bound to loopback and refuses a caller without the lab's credentials: the Kubernetes
 * API answers 401 over TLS, the nodes' SSH servers offer public keys only, the local AWS endpoint answers
 * 403 to an unsigned request. Anything else is an open door and fails the test, named with its port.
 * The relays' Unix sockets let no other user connect, and no link of the lab sits in the machine's own
 * namespace, so what listens inside the lab's namespaces (pods, the internet stand-in) is reachable only
 * by whoever can enter them. And the files that hold the keys to all of these (the kubeconfig with its
 * token, the SSH private keys, the lab's AWS secret) are 0600. Each finding is printed as an
 * {@code AUDIT} line.
 */
class ListenerAuditTest {

    private static final Pattern SS_LINE = Pattern.compile("^LISTEN\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s+users:\\((.*)\\)\\s*$");
    private static final Pattern SECRET_SETTING = Pattern.compile("(?m)^aws_secret_access_key\\s*=\\s*\\S");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    @TempDir
    Path stateRoot;

    @Test
    void everyListenerOfAnUpLabIsOnLoopbackAndAsksForTheLabsCredentials() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "ss shows other processes' sockets to root only");
        LabSettings settings = TestLabs.settings(stateRoot);
        try (LocalLab lab = new LocalLab(settings)) {
            lab.up(LocalLabProgress.none());
            System.out.println("AUDIT kubeconfig " + Files.readAllLines(settings.kubeconfig()).stream()
                    .filter(l -> l.contains("server:")).findFirst().orElse("(no server line)"));
            Set<Long> ours = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
            ours.add(ProcessHandle.current().pid());

            List<String> audit = new ArrayList<>();
            List<String> open = new ArrayList<>();
            for (String line : TestLabs.sh("ss", "-ltnpH").lines().toList()) {
                Matcher m = SS_LINE.matcher(line.strip());
                if (!m.matches() || PID.matcher(m.group(3)).results().map(r -> Long.parseLong(r.group(1))).noneMatch(ours::contains)) {
                    continue;
                }
                String address = m.group(1);
                int port = Integer.parseInt(m.group(2));
                String protection = protection(port);
                String entry = address + ":" + port + " " + protection + " (" + m.group(3) + ")";
                audit.add(entry);
                System.out.println("AUDIT tcp " + entry);
                if (!Set.of("127.0.0.1", "[::1]", "[::ffff:127.0.0.1]").contains(address) || protection.startsWith("OPEN")) {
                    open.add(entry);
                }
            }
            assertThat(audit).as("the lab's listeners (API, node SSH servers, local AWS)").hasSizeGreaterThanOrEqualTo(5);
            assertThat(open).as("listeners reachable off loopback or without the lab's credentials").isEmpty();

            try (var walk = Files.walk(settings.labDir())) {
                for (Path socket : walk.filter(ListenerAuditTest::isSocket).toList()) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(socket);
                    System.out.println("AUDIT unix " + settings.labDir().relativize(socket) + " "
                            + java.nio.file.attribute.PosixFilePermissions.toString(mode));
                    assertThat(mode).as("who may connect to %s", socket)
                            .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
                }
            }
            assertThat(TestLabs.sh("ip", "-o", "link")).as("links of the lab in the machine's own namespace")
                    .doesNotContain(settings.prefix());
            // for the record: what listens inside the lab (reachable only from within its namespaces)
            for (String netns : TestLabs.sh("ip", "netns", "list").lines().map(l -> l.split("\\s+")[0])
                    .filter(n -> n.startsWith(settings.prefix() + "-")).sorted().toList()) {
                String inside = TestLabs.inNetns(netns, "ss", "-ltnH").lines()
                        .map(l -> l.trim().split("\\s+")).filter(f -> f.length > 3).map(f -> f[3]).sorted().collect(Collectors.joining(" "));
                System.out.println("AUDIT netns " + netns.substring(settings.prefix().length() + 1) + ": " + (inside.isEmpty() ? "-" : inside));
            }

            // the keys to all of the above: every file of the lab holding a secret is the user's alone
            List<Path> files = new ArrayList<>(List.of(settings.kubeconfig()));
            try (var walk = Files.walk(settings.labDir())) {
                walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
            }
            int secrets = 0;
            for (Path file : files) {
                if (Files.size(file) > 1 << 20 || !holdsSecret(Files.readString(file, StandardCharsets.ISO_8859_1))) {
                    continue;
                }
                secrets++;
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                System.out.println("AUDIT secret " + file.getFileName() + " " + java.nio.file.attribute.PosixFilePermissions.toString(mode));
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(mode)).as("mode of %s", file).isEqualTo("rw-------");
            }
            assertThat(secrets).as("files with the lab's keys, token and AWS secret").isGreaterThanOrEqualTo(4);
            assertThat(files).as("temporary files left by writes").noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static boolean holdsSecret(String text) {
        // the key's value, not a script that names the setting it reads (the kops client does)
        return text.contains("PRIVATE KEY") || SECRET_SETTING.matcher(text).find() || text.contains("    token: ");
    }

    /** What a caller without credentials meets on the port. */
    private static String protection(int port) throws IOException {
        String banner = banner(port);
        if (banner.startsWith("SSH-")) {
            ProcessRunner.Result ssh = ProcessRunner.runAllowingFailure(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "PubkeyAuthentication=no", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "ConnectTimeout=5", "-p", Integer.toString(port), "nobody@127.0.0.1", "true"), "");
            String said = ssh.stdout() + ssh.stderr();
            return ssh.exitCode() != 0 && said.contains("Permission denied (publickey)") ? "ssh, public keys only" : "OPEN ssh: " + said.strip();
        }
        String tls = curl("https://127.0.0.1:" + port + "/", "-k");
        if (tls.equals("401") || tls.equals("403")) {
            return "TLS, " + tls + " without the lab's token";
        }
        String plain = curl("http://127.0.0.1:" + port + "/");
        if (plain.equals("401") || plain.equals("403")) {
            return "HTTP, " + plain + " without a request signed with the lab's key";
        }
        return "OPEN (https " + tls + ", http " + plain + ", banner '" + banner.strip() + "')";
    }

    private static String curl(String url, String... options) throws IOException {
        // generous time: a TLS handshake on a loaded 2-core machine can take seconds
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20"));
        argv.addAll(List.of(options));
        argv.add(url);
        ProcessRunner.Result result = ProcessRunner.runAllowingFailure(argv, "");
        String code = result.stdout().strip();
        return code.equals("000") ? code + " " + result.stderr().strip() : code;
    }

    /** The first bytes a server sends unasked (SSH does; HTTP waits for the request). */
    private static String banner(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(700);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
