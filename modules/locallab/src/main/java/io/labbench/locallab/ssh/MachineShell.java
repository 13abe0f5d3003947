package io.labbench.locallab.ssh;

import io.labbench.locallab.net.KernelAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start a shell "on" one lab machine: inside its network namespace, in a fresh UTS namespace
 * carrying its hostname and a mount namespace where the lab's {@code /etc/hosts} (api.CLUSTER, node
 * names) is bound over the real one, with its own HOME and environment.
 */
public record MachineShell(String machine, String hostname, String netns, KernelAccess kernel, Path home, Path rcFile,
                           Path hostsFile, Map<String, String> environment) {

    // $1 hostname, $2 hosts file, then the command; unshare --mount makes the bind mounts private. The
    // internet stand-in's resolv.conf (the VPC resolver) and trust bundle (with the lab CA) lie beside the
    // hosts file; each is bound only where both it and the host's file exist. So is the machine's
    // profile.d/<hostname> (LoginProfile: what login shells need of the lab).
    private static final String ENTER = "hostname \"$1\" && mount --bind \"$2\" /etc/hosts && d=$(dirname \"$2\")"
            + " && { [ ! -e \"$d/resolv.conf\" ] || [ ! -e /etc/resolv.conf ] || mount --bind \"$d/resolv.conf\" /etc/resolv.conf; }"
            + " && { [ ! -e \"$d/ca-certificates.crt\" ] || [ ! -e /etc/ssl/certs/ca-certificates.crt ]"
            + " || mount --bind \"$d/ca-certificates.crt\" /etc/ssl/certs/ca-certificates.crt; }"
            + " && { [ ! -d \"$d/profile.d/$1\" ] || [ ! -d /etc/profile.d ] || mount --bind \"$d/profile.d/$1\" /etc/profile.d; }"
            + " && shift 2 && exec \"$@\"";

    public List<String> interactiveArgv() {
        return wrap(List.of("bash", "--rcfile", rcFile.toString(), "-i"));
    }

    public List<String> execArgv(String command) {
        return wrap(List.of("bash", "-c", command));
    }

    /** argv that runs {@code command} in the machine's namespaces, made afresh for it. */
    List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("unshare", "--uts", "--mount", "--", "sh", "-c", ENTER, "sh", hostname,
                hostsFile.toString()));
        argv.addAll(command);
        return kernel.inNetns(netns, argv);
    }
}
