package io.labbench.locallab.pods;

import io.labbench.locallab.spi.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Decides what runs for an image, from the programs of the host's Debian packages: the study's
 * {@code nginx} and {@code echoserver} serve for real (Debian's nginx), {@code nicolaka/netshoot} and
 * shell images run the pod spec's command with the host's tools, anything else sleeps and says why.
 */
public final class ImageCatalog {

    /** Images whose command the lab runs as written (their tools come from the host). */
    private static final List<String> SHELL_IMAGES = List.of("busybox", "alpine", "ubuntu", "debian", "bash",
            "curlimages/curl", "amazonlinux", "centos", "fedora", "praqma/network-multitool", "nicolaka/netshoot");

    /**
     * Shell images full of tools a host seldom has ({@code termshark}, {@code ctop}): a program the host lacks
     * is there in the real image, so the container sleeps and says so rather than failing to start.
     */
    private static final java.util.Set<String> TOOLBOX_IMAGES = java.util.Set.of("netshoot", "network-multitool");

    /** BusyBox applets (busybox and alpine images) a Debian host seldom has as programs of its own. */
    private static final java.util.Set<String> BUSYBOX_SERVERS = java.util.Set.of("httpd", "udhcpc", "udhcpd", "telnetd",
            "ftpd", "ftpget", "ftpput", "tftp", "tftpd", "inetd", "dnsd", "fakeidentd", "tcpsvd", "udpsvd", "ntpd",
            "microcom", "pscan", "ipcalc", "ether-wake", "nameif", "ssl_client", "crond", "syslogd", "klogd", "vi");

    private final Predicate<String> hostHasTool;
    private final java.util.Optional<ClusterDnsServers> clusterDns;

    /** @param hostHasTool whether a program name resolves on the host's PATH (the pod sees the host's files) */
    public ImageCatalog(Predicate<String> hostHasTool) {
        this(hostHasTool, java.util.Optional.empty());
    }

    /** @param clusterDns runs CoreDNS's image (without it, CoreDNS sleeps like any image the lab does not run) */
    public ImageCatalog(Predicate<String> hostHasTool, java.util.Optional<ClusterDnsServers> clusterDns) {
        this.hostHasTool = hostHasTool;
        this.clusterDns = clusterDns;
    }

    /** Whether the lab runs {@code image} in {@code kube-system} (the other add-ons keep their canned status). */
    static boolean runsInKubeSystem(String image) {
        return ClusterDnsServers.isClusterDnsImage(repository(image));
    }

    public static ImageCatalog ofThisHost() {
        return ofThisHost(java.util.Optional.empty());
    }

    public static ImageCatalog ofThisHost(java.util.Optional<ClusterDnsServers> clusterDns) {
        List<Path> path = new ArrayList<>();
        for (String dir : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".split(":")) {
            path.add(Path.of(dir));
        }
        return new ImageCatalog(tool -> tool.contains("/") ? Files.isExecutable(Path.of(tool))
                : path.stream().anyMatch(d -> Files.isExecutable(d.resolve(tool))), clusterDns);
    }

    /** The image's repository without registry host and tag: {@code k8s.gcr.io/echoserver:1.5} → {@code echoserver}. */
    static String repository(String image) {
        String name = image.toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            name = name.substring(first.length() + 1);
        }
        return name.startsWith("library/") ? name.substring("library/".length()) : name;
    }

    /**
     * What runs for {@code container}; {@code dir} is the container's own folder (for configuration
     * files the program reads).
     */
    public ContainerProgram program(ContainerRuntime.Pod pod, ContainerRuntime.Container container, Path dir)
            throws IOException {
        String repo = repository(container.image());
        if (ClusterDnsServers.isClusterDnsImage(repo) && clusterDns.isPresent()) {
            if (!hostHasTool.test("dnsmasq") || !hostHasTool.test("socat")) {
                return missing(container, "dnsmasq and socat", "dnsmasq-base socat");
            }
            return clusterDns.get().program(dir);
        }
        if (repo.equals("nginx") || repo.equals("nginxinc/nginx-unprivileged")) {
            if (!hostHasTool.test("nginx")) {
                return missing(container, "nginx", "nginx-light");
            }
            return NginxSites.welcome(dir);
        }
        if (repo.endsWith("echoserver") || repo.equals("google_containers/echoserver")) {
            if (!hostHasTool.test("nginx")) {
                return missing(container, "nginx", "nginx-light");
            }
            return NginxSites.echoserver(dir);
        }
        if (SHELL_IMAGES.stream().anyMatch(s -> repo.equals(s) || repo.endsWith("/" + s))) {
            List<String> argv = new ArrayList<>(container.command());
            argv.addAll(container.args());
            if (argv.isEmpty()) {
                // netshoot's own command is an interactive zsh; the study always gives it one, a tool box sleeps
                argv = repo.endsWith("netshoot") ? List.of("sleep", "infinity") : List.of(defaultShell(repo));
            }
            if (!hostHasTool.test(argv.get(0)) && !inImageBeyondTheHost(repo, argv.get(0))) {
                // a base image has little beyond the host's tools: a program neither has is most likely a
                // mistyped or missing one, which a real node cannot start either
                return ContainerProgram.executableNotFound(argv.get(0), "labbench: the local lab runs " + container.image()
                        + " with the host's programs and this host has no '" + argv.get(0) + "' either");
            }
            if (!hostHasTool.test(argv.get(0))) {
                return ContainerProgram.sleepingStandIn("labbench: the local lab runs " + container.image()
                        + " with the host's programs and this host has no '" + argv.get(0) + "'; the container sleeps instead");
            }
            return ContainerProgram.of(argv);
        }
        return ContainerProgram.sleepingStandIn("labbench: the local lab does not emulate the image " + container.image()
                + "; the container runs 'sleep infinity' instead (images it runs: nginx, echoserver, nicolaka/netshoot,"
                + " busybox and other shell images)");
    }

    /** Whether {@code program}, missing on the host, is still there in the real image (a toolbox's tool, a BusyBox applet). */
    private static boolean inImageBeyondTheHost(String repo, String program) {
        String image = repo.substring(repo.lastIndexOf('/') + 1);
        return TOOLBOX_IMAGES.contains(image)
                || (image.equals("busybox") || image.equals("alpine")) && BUSYBOX_SERVERS.contains(program);
    }

    private static String defaultShell(String repo) {
        return repo.equals("ubuntu") || repo.equals("debian") || repo.equals("bash") ? "bash" : "sh";
    }

    private static ContainerProgram missing(ContainerRuntime.Container container, String tool, String pkg) {
        return ContainerProgram.sleepingStandIn("labbench: the local lab runs " + container.image() + " with the host's "
                + tool + ", which is missing (sudo apt-get install " + pkg + "); the container sleeps instead");
    }
}
