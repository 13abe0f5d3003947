package io.labbench.locallab.ssh;

import io.labbench.locallab.host.SystemTools;
import io.labbench.locallab.net.Ipv4;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSH into the lab: per machine a {@link MachineSshServer} on host loopback (what the app's
 * terminals use) and, for the Kubernetes nodes, a socat on {@code <node IP>:22} inside the node's
 * namespace relayed to that server (what {@code ssh ubuntu@$W1PIP} in the kops-ec2 shell uses).
 * Writes the homes, rc files, {@code /etc/hosts} and known_hosts files those shells need.
 */
public final class LabSsh implements Closeable {
    private static final List<String> STUDY_FILES = List.of("netshoot-2pods.yaml", "nginx-dp.yaml", "echo-service-nlb.yaml");


    public static final String NODE_USER = "ubuntu";
    public static final String BASTION_USER = "root";

    private final LabTopology topology;
    private final KernelAccess kernel;
    private final Path labDir;
    private final Map<String, MachineSshServer> servers = new LinkedHashMap<>();
    private final List<Closeable> relays = new ArrayList<>();
    private final List<NetnsSocatForward> forwards = new ArrayList<>();
    private Path privateKey;
    private Path knownHosts;

    private LabSsh(LabTopology topology, KernelAccess kernel, Path labDir) {
        this.topology = topology;
        this.kernel = kernel;
        this.labDir = labDir;
    }

    /**
     * Writes keys and files and starts the loopback servers (no namespace needed yet); on failure
     * closes what it started. {@link #forwardNodePorts()} follows once the namespaces exist.
     */
    public static LabSsh start(LabTopology topology, KernelAccess kernel, Path labDir, Path kubeconfig, LabKeys keys)
            throws IOException {
        LabSsh ssh = new LabSsh(topology, kernel, labDir);
        try {
            ssh.startAll(kubeconfig, keys);
            return ssh;
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    private void startAll(Path kubeconfig, LabKeys keys) throws IOException {
        privateKey = keys.writeClientKey(labDir.resolve("ssh"));
        Path hosts = labDir.resolve("etc/hosts");
        LabKeys.writeText(hosts, hostsFile());
        Path nodeBin = writeNodeBin();
        for (LabNode node : topology.nodes()) {
            MachineShell shell = shellFor(node, nodeBin, hosts, kubeconfig, keys);
            servers.put(node.name(), MachineSshServer.start(shell, keys.hostKey(node.name()), keys.clientPublicKey()));
        }
        knownHosts = labDir.resolve("ssh/known_hosts");
        StringBuilder lines = new StringBuilder();
        for (LabNode node : topology.nodes()) {
            lines.append("[127.0.0.1]:").append(servers.get(node.name()).port()).append(' ')
                    .append(LabKeys.publicKeyLine(keys.hostKey(node.name()).getPublic())).append('\n');
        }
        LabKeys.writeText(knownHosts, lines.toString());
    }

    /**
     * Starts each node's {@code <node IP>:22} inside its namespace (needs the namespaces built);
     * until then only the loopback servers answer.
     */
    public synchronized void forwardNodePorts() throws IOException {
        for (LabNode node : topology.kubernetesNodes()) {
            Path socket = labDir.resolve("s/" + node.name());
            relays.add(UnixSocketRelay.start(socket, servers.get(node.name()).port()));
            forwards.add(NetnsSocatForward.start(kernel, node.netns(), node.ip(), 22, socket,
                    labDir.resolve("log/socat-" + node.name() + ".log")));
        }
    }

    /**
     * Makes the API server on host loopback reachable at the same address inside kops-ec2's
     * namespace, so the kubeconfig written for the host works unchanged in the kops-ec2 shell.
     */
    public synchronized void forwardApiServer(int port) throws IOException {
        Path socket = labDir.resolve("s/api");
        relays.add(UnixSocketRelay.start(socket, port));
        forwards.add(NetnsSocatForward.start(kernel, topology.bastion().netns(), Ipv4.parse("127.0.0.1"), port, socket,
                labDir.resolve("log/socat-api.log")));
    }

    public List<LabEndpoint> endpoints() {
        List<LabEndpoint> endpoints = new ArrayList<>();
        for (LabNode node : topology.nodes()) {
            endpoints.add(new LabEndpoint(node.name(), node.hostname(), node.ip().toString(), "127.0.0.1",
                    servers.get(node.name()).port(), node.isKubernetesNode() ? NODE_USER : BASTION_USER, privateKey, knownHosts));
        }
        return endpoints;
    }

    public Optional<MachineShell> shell(String machine) {
        return Optional.ofNullable(servers.get(machine)).map(MachineSshServer::shell);
    }

    public synchronized List<Long> processIds() {
        return forwards.stream().map(NetnsSocatForward::pid).toList();
    }

    private MachineShell shellFor(LabNode node, Path nodeBin, Path hosts, Path kubeconfig, LabKeys keys) throws IOException {
        Path home = labDir.resolve("home/" + node.name());
        Files.createDirectories(home);
        boolean bastion = !node.isKubernetesNode();
        String user = bastion ? BASTION_USER : NODE_USER;
        Map<String, String> env = new LinkedHashMap<>();
        List<Path> labPath = new ArrayList<>(List.of(nodeBin));
        if (bastion) {
            Path bastionBin = writeBastionBin(home, keys);
            labPath.add(0, bastionBin);
            env.put("KUBECONFIG", kubeconfig.toString());
            env.put("KOPS_CLUSTER_NAME", topology.clusterName());
            env.put("KOPS_STATE_STORE", "s3://" + topology.kopsStateBucket());
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("W1PIP", topology.node("worker1").ip().toString());
            env.put("W2PIP", topology.node("worker2").ip().toString());
        }
        env.put("PATH", String.join(":", labPath.stream().map(Path::toString).toList())
                + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", home.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("SHELL", "/bin/bash");
        env.put("LANG", "C.UTF-8");
        Path rc = labDir.resolve("etc/" + node.name() + ".bashrc");
        String prompt = bastion ? "[root@\\h \\W]\\$ " : "ubuntu@\\h:\\w\\$ ";
        LabKeys.writeText(rc, "# LabBench local lab: " + node.name() + " (" + node.hostname() + ")\n"
                + "[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc\n"
                + "PS1='" + prompt + "'\n"
                + "alias ls='ls --color=auto'\n"
                + "cd \"$HOME\"\n");
        LoginProfile.write(LoginProfile.folder(hosts, node.hostname()), Path.of("/etc/profile.d"), labPath, env, bastion, home);
        return new MachineShell(node.name(), node.hostname(), node.netns(), kernel, home, rc, hosts, env);
    }

    /**
     * {@code sudo} on a node: the shell already runs with the lab's privileges. {@code sudo -i} and
     * {@code sudo su -} give a login shell as the real ones do (the machine's profile.d keeps the lab's PATH).
     */
    private Path writeNodeBin() throws IOException {
        Path bin = labDir.resolve("bin");
        writeScript(bin.resolve("sudo"), "#!/bin/sh\n"
                + "# LabBench: shells in the local lab already have the lab's privileges\n"
                + "login=\n"
                + "while [ $# -gt 0 ]; do case \"$1\" in -i|-) login=1; shift;; -s|-E|-H|su) shift;; -u|-g) shift 2;; -*) shift;; *) break;; esac; done\n"
                + "if [ $# -eq 0 ]; then [ -n \"$login\" ] && exec bash -l -i; exec bash -i; fi\n"
                + "[ -n \"$login\" ] && exec bash -lc \"$*\"\n"
                + "exec \"$@\"\n");
        return bin;
    }

    /** kops-ec2's ~/.ssh and an ssh wrapper so OpenSSH uses them (it reads known_hosts from the passwd home). */
    private Path writeBastionBin(Path home, LabKeys keys) throws IOException {
        Path dotSsh = home.resolve(".ssh");
        keys.writeClientKey(dotSsh);
        StringBuilder known = new StringBuilder();
        for (LabNode node : topology.kubernetesNodes()) {
            known.append(node.ip()).append(',').append(node.hostname());
            if (node.role() == LabNode.Role.CONTROL_PLANE) {
                known.append(",api.").append(topology.clusterName()).append(",api.internal.").append(topology.clusterName());
            }
            known.append(' ').append(LabKeys.publicKeyLine(keys.hostKey(node.name()).getPublic())).append('\n');
        }
        LabKeys.writeText(dotSsh.resolve("known_hosts"), known.toString());
        LabKeys.writeText(dotSsh.resolve("config"), "# written by LabBench for the local lab\n"
                + "Host *\n"
                + "  User " + NODE_USER + "\n"
                + "  IdentityFile " + dotSsh.resolve("id_rsa") + "\n"
                + "  UserKnownHostsFile " + dotSsh.resolve("known_hosts") + "\n"
                + "  GlobalKnownHostsFile /dev/null\n"
                + "  StrictHostKeyChecking yes\n"
                + "  LogLevel ERROR\n");
        Files.setPosixFilePermissions(dotSsh.resolve("config"), PosixFilePermissions.fromString("rw-------"));
        writeStudyFiles(home);
        Path bin = labDir.resolve("bin-kops-ec2");
        // yh (a YAML highlighter the study pipes into) is a stand-in that prints its input unchanged:
        // the text is what the learner reads, the colours are not needed
        writeScript(bin.resolve("yh"), "#!/bin/sh\n"
                + "# LabBench stand-in for yh (YAML highlighter): prints its input unchanged\n"
                + "exec cat \"$@\"\n");
        String realSsh = findOnPath("ssh").orElse("/usr/bin/ssh");
        writeScript(bin.resolve("ssh"), "#!/bin/sh\n"
                + "# LabBench: use the lab's ~/.ssh (OpenSSH would read the real user's home)\n"
                + "exec " + realSsh + " -F \"$HOME/.ssh/config\" \"$@\"\n");
        return bin;
    }

    /**
     * The study's manifests where it keeps them ({@code ~/pkos/2}), for {@code kubectl apply -f ~/pkos/2/…}.
     * The build copies them from {@code assets/manifests} (see this module's pom), the one place to edit them.
     */
    private static void writeStudyFiles(Path home) throws IOException {
        Path dir = home.resolve("pkos/2");
        Files.createDirectories(dir);
        for (String name : STUDY_FILES) {
            try (java.io.InputStream in = LabSsh.class.getResourceAsStream("study/" + name)) {
                if (in == null) {
                    throw new IOException("the study file " + name + " is missing from the LabBench build (resource study/" + name + ")");
                }
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    private String hostsFile() {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n");
        for (LabNode node : topology.nodes()) {
            hosts.append(node.ip()).append(' ').append(node.hostname());
            if (node.role() == LabNode.Role.CONTROL_PLANE) {
                hosts.append(" api.").append(topology.clusterName()).append(" api.internal.").append(topology.clusterName());
            }
            hosts.append('\n');
        }
        return hosts.toString();
    }

    private static void writeScript(Path file, String text) throws IOException {
        LabKeys.writeScript(file, text);
    }

    /** The command's absolute path: the PATH, then the system folders a normal user's PATH lacks. */
    static Optional<String> findOnPath(String command) {
        return SystemTools.ofThisMachine().find(command).map(Path::toString);
    }


    @Override
    public synchronized void close() {
        forwards.forEach(NetnsSocatForward::close);
        for (Closeable relay : relays) {
            try {
                relay.close();
            } catch (IOException ignored) {
                // best effort on shutdown
            }
        }
        for (MachineSshServer server : servers.values()) {
            try {
                server.close();
            } catch (IOException ignored) {
                // best effort on shutdown
            }
        }
    }
}
