package io.labbench.app.path;

import io.labbench.packetpath.Hop;
import io.labbench.packetpath.HopKind;
import java.util.Optional;

/**
 * What clicking a hop does: open the watch panel that shows its object on its node, or type the command
 * that shows it into that node's terminal (pods: {@code kubectl exec} from kops-ec2).
 */
public sealed interface HopAction {

    record OpenWatch(String watchId, String endpoint) implements HopAction {
    }

    record RunCommand(String terminal, String command) implements HopAction {
    }

    /** The watch for chains the study watches, else the hop's own command; empty for hops outside any machine. */
    static Optional<HopAction> of(Hop hop) {
        String m = hop.machine();
        if (hop.showCommand().isEmpty() || "internet".equals(m) || "vpc".equals(m)) {
            return Optional.empty();
        }
        if (m.startsWith("pod/")) {
            String[] p = m.split("/", 3);
            return Optional.of(new RunCommand("kops-ec2", "kubectl exec -n " + p[1] + " " + p[2] + " -- " + hop.showCommand()));
        }
        Optional<String> watch = watchFor(hop);
        if (watch.isPresent()) {
            return Optional.of(new OpenWatch(watch.get(), m));
        }
        return Optional.of(new RunCommand(m, hop.showCommand()));
    }

    private static Optional<String> watchFor(Hop hop) {
        if (hop.kind() == HopKind.POLICY_RULE) {
            return Optional.of("rules");
        }
        if (hop.kind() == HopKind.CONNTRACK) {
            return Optional.of("conntrack");
        }
        if (hop.kind() == HopKind.NETFILTER_RULE || hop.kind() == HopKind.CHAIN_POLICY) {
            String chain = hop.object().split(" ")[1];
            return switch (chain) {
                case "AWS-SNAT-CHAIN-0" -> Optional.of("iptables-snat-0");
                case "AWS-SNAT-CHAIN-1" -> Optional.of("iptables-snat-1");
                case "KUBE-POSTROUTING" -> Optional.of("iptables-kube-postrouting");
                case "KUBE-SERVICES" -> Optional.of("iptables-kube-services");
                default -> hop.object().startsWith("mangle ") ? Optional.of("iptables-mangle")
                        : hop.object().startsWith("nat ") ? Optional.of("iptables-nat") : Optional.empty();
            };
        }
        return Optional.empty();
    }
}
