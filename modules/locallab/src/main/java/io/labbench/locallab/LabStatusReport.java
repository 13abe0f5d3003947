package io.labbench.locallab;

import io.labbench.locallab.check.MachineFinding;
import java.util.List;
import java.util.Locale;

/** The lab's status as the command line prints it: a node table, SSH and kubeconfig lines. */
public final class LabStatusReport {

    private LabStatusReport() {
    }

    public static String text(LabStatus status) {
        if (!status.running()) {
            return "The local lab '" + status.prefix() + "' is not running. Start it with: labbench lab up\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Local lab '%s' is up (%s, pid %d, built in %.1f s)%s%n", status.prefix(),
                status.rootless() ? "rootless" : "root", status.pid(), status.upMillis() / 1000.0,
                status.prefixDelegation() ? ", prefix delegation on" : ""));
        String format = "%-9s %-14s %-20s %-16s %-14s %-15s %-10s %-9s %-13s %s%n";
        out.append(String.format(Locale.ROOT, format, "NODE", "ROLE", "INSTANCE-ID", "HOSTNAME", "IP", "PUBLIC-IP", "TYPE", "MAX-PODS",
                "NETNS", "SSH"));
        for (LabStatus.Node node : status.nodes()) {
            LabStatus.Endpoint ssh = status.endpoints().stream().filter(e -> e.name().equals(node.name())).findFirst().orElse(null);
            out.append(String.format(Locale.ROOT, format, node.name(), node.role(), node.instanceId(), node.hostname(), node.ip(),
                    node.publicIp().isEmpty() ? "-" : node.publicIp(), node.instanceType(), node.maxPods() == 0 ? "-" : Integer.toString(node.maxPods()), node.netns(),
                    ssh == null ? "-" : ssh.user() + "@" + ssh.host() + ":" + ssh.port()));
        }
        out.append("kubeconfig: ").append(status.kubeconfig().isEmpty()
                ? "(no Kubernetes API in this build)" : status.kubeconfig()).append('\n');
        out.append("SSH key:    ").append(status.privateKey()).append('\n');
        out.append("known_hosts: ").append(status.knownHosts()).append('\n');
        status.endpoints().stream().filter(e -> e.name().equals("kops-ec2")).findFirst().ifPresent(e -> out.append("Try:        ssh -i ")
                .append(e.privateKey()).append(" -o UserKnownHostsFile=").append(e.knownHosts()).append(" -p ").append(e.port())
                .append(' ').append(e.user()).append("@").append(e.host()).append('\n'));
        return out.toString();
    }

    public static String findings(List<MachineFinding> findings) {
        if (findings.isEmpty()) {
            return "This machine has everything the local lab needs.\n";
        }
        StringBuilder out = new StringBuilder("This machine:\n");
        findings.forEach(f -> out.append("  - ").append(f).append('\n'));
        return out.toString();
    }
}
