package io.labbench.locallab.check;

import io.labbench.locallab.host.SystemTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether this machine can run the local lab, and if not, exactly what to install or change.
 * Reads the environment through {@link Probe} so the rules are tested without changing the machine.
 */
public final class MachineCheck {

    /** A required or optional command, with the Debian package that provides it. */
    public record Tool(String command, String debianPackage, boolean required, String usedFor) {
    }

    public static final List<Tool> TOOLS = List.of(
            new Tool("ip", "iproute2", true, "namespaces, links, routes, rules"),
            new Tool("iptables", "iptables", true, "kube-proxy and aws-node rules"),
            new Tool("iptables-restore", "iptables", true, "loading each node's rules in one go"),
            new Tool("nsenter", "util-linux", true, "running commands inside the lab's namespaces"),
            new Tool("unshare", "util-linux", true, "node hostnames and the rootless helper"),
            new Tool("setpriv", "util-linux", true, "tying relays to the lab's lifetime"),
            new Tool("sysctl", "procps", true, "forwarding and ARP settings"),
            new Tool("hostname", "hostname", true, "node hostnames"),
            new Tool("mount", "mount", true, "each node's /etc/hosts"),
            new Tool("socat", "socat", true, "SSH to node IPs, kubectl from inside kops-ec2, kube-proxy's health check ports"),
            new Tool("bash", "bash", true, "node shells"),
            new Tool("nginx", "nginx-light", true, "pods of the nginx and echoserver images, and the internet stand-in's sites"),
            new Tool("dnsmasq", "dnsmasq-base", true, "the VPC resolver and the cluster DNS (the coredns pods)"),
            new Tool("openssl", "openssl", true, "TLS from the lab's machines (openssl s_client to the NLB's HTTPS listener)"),
            new Tool("curl", "curl", false, "curl on the nodes and in pods"),
            new Tool("dig", "bind9-dnsutils", false, "dig and nslookup in netshoot pods"),
            new Tool("route", "net-tools", false, "route -n in netshoot pods"),
            new Tool("conntrack", "conntrack", false, "the study's conntrack -L steps"),
            new Tool("tcpdump", "tcpdump", false, "the study's tcpdump steps"),
            new Tool("ping", "iputils-ping", false, "the study's ping steps"),
            new Tool("ssh", "openssh-client", false, "ssh from kops-ec2 to the nodes"),
            new Tool("ssh-keygen", "openssh-client", false, "the learner's lab key as OpenSSH writes it"),
            new Tool("kubectl", "kubectl (Google Cloud CLI apt repository)", false, "the study's kubectl steps"),
            new Tool("zsh", "zsh", false, "kubectl exec -it pod -- zsh (bash is used otherwise)"),
            new Tool("aws", "awscli", false, "the study's aws lines in kops-ec2 (the real AWS CLI against the lab's own AWS)"),
            new Tool("python3", "python3", false, "kops in kops-ec2"),
            new Tool("haproxy", "haproxy", false, "the NLBs of LoadBalancer Services (TLS, PROXY protocol v2, health checks)"),
            new Tool("ebtables", "iptables", false, "instance-mode NLBs that keep the client's address (replies handed back to the NLB)"),
            new Tool("jq", "jq", false, "the study's `aws … | jq` lines"));

    /** What the check reads from the machine. */
    public interface Probe {
        boolean isRoot();

        Optional<String> which(String command);

        Optional<String> readFile(String path);

        /** Tries {@code unshare --user --map-root-user --net true}; empty when it worked, else the error. */
        Optional<String> tryUserNamespace();

        /** The Java runtime this check runs in: {@code /opt/labbench/lib/runtime} in the installed app. */
        default String javaHome() {
            return System.getProperty("java.home");
        }
    }

    /** Where the deb installs the app, and the AppArmor profile its postinst loads. */
    static final String INSTALLED_APP = "/opt/labbench/";
    static final String INSTALLED_PROFILE = "/etc/apparmor.d/labbench";

    private final Probe probe;

    public MachineCheck(Probe probe) {
        this.probe = probe;
    }

    public static MachineCheck ofThisMachine() {
        return new MachineCheck(new SystemProbe());
    }

    /**
     * This machine, but run the lab rootless even as root (inside a user namespace held by a helper):
     * what a normal user gets, for trying that path on a root machine.
     */
    public static MachineCheck ofThisMachineRootless() {
        SystemProbe real = new SystemProbe();
        return new MachineCheck(new Probe() {
            @Override
            public boolean isRoot() {
                return false;
            }

            @Override
            public Optional<String> which(String command) {
                return real.which(command);
            }

            @Override
            public Optional<String> readFile(String path) {
                return real.readFile(path);
            }

            @Override
            public Optional<String> tryUserNamespace() {
                return real.tryUserNamespace();
            }
        });
    }

    /** Everything missing or limiting, blocking findings first. */
    public List<MachineFinding> findings() {
        List<MachineFinding> findings = new ArrayList<>();
        for (Tool tool : TOOLS) {
            if (probe.which(tool.command()).isEmpty()) {
                findings.add(new MachineFinding("command '" + tool.command() + "' (" + tool.usedFor() + ")",
                        "sudo apt-get install " + tool.debianPackage(), tool.required()));
            }
        }
        if (!probe.isRoot()) {
            privilegeFindings(findings);
        }
        findings.sort((a, b) -> Boolean.compare(b.blocking(), a.blocking()));
        return findings;
    }

    public boolean canRun() {
        return findings().stream().noneMatch(MachineFinding::blocking);
    }

    /** True when the lab will run inside a user namespace (not root). */
    public boolean rootless() {
        return !probe.isRoot();
    }

    private void privilegeFindings(List<MachineFinding> findings) {
        Function<String, Optional<Integer>> number = path -> probe.readFile(path).map(String::trim).flatMap(MachineCheck::parse);
        Optional<Integer> apparmor = number.apply("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        Optional<Integer> debianClone = number.apply("/proc/sys/kernel/unprivileged_userns_clone");
        Optional<Integer> maxUserNs = number.apply("/proc/sys/user/max_user_namespaces");
        boolean explained = false;
        if (apparmor.orElse(0) == 1) {
            // The restriction lets a program create user namespaces when an AppArmor profile allows it
            // (the deb installs one): only a failing try is a finding.
            probe.tryUserNamespace().ifPresent(error -> findings.add(new MachineFinding(
                    "unprivileged user namespaces are blocked by AppArmor (kernel.apparmor_restrict_unprivileged_userns=1,"
                            + " Ubuntu 23.10 and later): " + error.strip(),
                    appArmorFix(probe.javaHome()), true)));
            explained = true;
        }
        if (debianClone.orElse(1) == 0) {
            findings.add(new MachineFinding("unprivileged user namespaces are switched off (kernel.unprivileged_userns_clone=0)",
                    "sudo sysctl -w kernel.unprivileged_userns_clone=1, or run the lab as root: sudo labbench lab up", true));
            explained = true;
        }
        if (maxUserNs.orElse(1) == 0) {
            findings.add(new MachineFinding("user namespaces are limited to 0 (user.max_user_namespaces=0)",
                    "sudo sysctl -w user.max_user_namespaces=15000, or run the lab as root: sudo labbench lab up", true));
            explained = true;
        }
        if (!explained && probe.which("unshare").isPresent()) {
            probe.tryUserNamespace().ifPresent(error -> findings.add(new MachineFinding(
                    "an unprivileged user namespace cannot be created (" + error.strip() + ")",
                    "check your container or security policy allows user namespaces, or run the lab as root: sudo labbench lab up",
                    true)));
        }
    }

    /**
     * The one line that lets LabBench create user namespaces under AppArmor's restriction: the installed
     * app reloads the profile its package put in place; a checkout gives its Java runtime such a
     * profile (as browser packages do for their sandboxes), which its children (the lab's daemon,
     * {@code unshare}) inherit.
     */
    static String appArmorFix(String javaHome) {
        if (javaHome.startsWith(INSTALLED_APP)) {
            return "sudo apparmor_parser -r " + INSTALLED_PROFILE + " (if that file is missing: sudo apt install --reinstall labbench)";
        }
        String java = javaHome + "/bin/java";
        return "printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile labbench-checkout " + java
                + " flags=(unconfined) {\\n  userns,\\n}\\n' | sudo tee /etc/apparmor.d/labbench-checkout >/dev/null"
                + " && sudo apparmor_parser -r /etc/apparmor.d/labbench-checkout"
                + "   (lets programs run by this Java create user namespaces; or, for this boot only:"
                + " sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0; or run the lab as root)";
    }

    private static Optional<Integer> parse(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The real machine. */
    static final class SystemProbe implements Probe {
        @Override
        public boolean isRoot() {
            return "root".equals(System.getProperty("user.name")) || uid().equals(Optional.of("0"));
        }

        private static Optional<String> uid() {
            return readStatusField("Uid:");
        }

        private static Optional<String> readStatusField(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field)) {
                        return Optional.of(line.substring(field.length()).trim().split("\\s+")[1]);
                    }
                }
            } catch (IOException | ArrayIndexOutOfBoundsException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }

        @Override
        public Optional<String> which(String command) {
            // the same search the lab's commands get: PATH, then the sbin folders a normal user's PATH lacks
            return SystemTools.ofThisMachine().find(command).map(Path::toString);
        }

        @Override
        public Optional<String> readFile(String path) {
            try {
                return Optional.of(Files.readString(Path.of(path)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<String> tryUserNamespace() {
            try {
                Process p = SystemTools.ofThisMachine().processBuilder(List.of("unshare", "--user", "--map-root-user", "--net", "true"))
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of("unshare did not finish");
                }
                return p.exitValue() == 0 ? Optional.empty() : Optional.of(output.isBlank() ? "exit " + p.exitValue() : output);
            } catch (IOException e) {
                return Optional.of(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    /** For tests and the app: a probe from fixed answers. */
    public static Probe fixedProbe(boolean root, java.util.Set<String> commands, Map<String, String> files,
                                   Optional<String> userNamespaceError) {
        return fixedProbe(root, commands, files, userNamespaceError, System.getProperty("java.home"));
    }

    /** {@link #fixedProbe} run from the Java runtime at {@code javaHome}. */
    public static Probe fixedProbe(boolean root, java.util.Set<String> commands, Map<String, String> files,
                                   Optional<String> userNamespaceError, String javaHome) {
        return new Probe() {
            @Override
            public String javaHome() {
                return javaHome;
            }

            @Override
            public boolean isRoot() {
                return root;
            }

            @Override
            public Optional<String> which(String command) {
                return commands.contains(command) ? Optional.of("/usr/bin/" + command) : Optional.empty();
            }

            @Override
            public Optional<String> readFile(String path) {
                return Optional.ofNullable(files.get(path));
            }

            @Override
            public Optional<String> tryUserNamespace() {
                return userNamespaceError;
            }
        };
    }
}
