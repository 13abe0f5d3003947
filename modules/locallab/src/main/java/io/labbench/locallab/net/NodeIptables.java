package io.labbench.locallab.net;

/**
 * The iptables a kOps node with the VPC CNI starts with: the jumps from the built-in chains into
 * kube-proxy's chains (kube-proxy's {@code iptablesJumpChains}, which it ensures outside its restore),
 * kubelet's {@code KUBE-MARK-DROP}, the kube-proxy skeleton until its first sync, and aws-node's
 * SNAT/CONNMARK rules, as {@code iptables-restore --noflush} input. The Services' own chains come from
 * {@link io.labbench.locallab.kube.proxy.KubeProxy}. The text mirrors what {@code iptables -S} shows on a
 * study node.
 */
final class NodeIptables {

    private NodeIptables() {
    }

    static String restoreInput(Ipv4 primaryIp) {
        String vpc = LabTopology.VPC_CIDR;
        return String.join("\n",
                "*nat",
                ":KUBE-SERVICES - [0:0]",
                ":KUBE-POSTROUTING - [0:0]",
                ":KUBE-MARK-MASQ - [0:0]",
                ":KUBE-NODEPORTS - [0:0]",
                ":KUBE-MARK-DROP - [0:0]",
                ":AWS-CONNMARK-CHAIN-0 - [0:0]",
                ":AWS-SNAT-CHAIN-0 - [0:0]",
                "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING",
                "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000",
                "-A KUBE-MARK-DROP -j MARK --set-xmark 0x8000/0x8000",
                "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
                "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
                "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
                "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
                        + " -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS",
                "-A PREROUTING -i eni+ -m comment --comment \"AWS, outbound connections\" -j AWS-CONNMARK-CHAIN-0",
                "-A PREROUTING -m comment --comment \"AWS, CONNMARK\" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80",
                "-A POSTROUTING -m comment --comment \"AWS SNAT CHAIN\" -j AWS-SNAT-CHAIN-0",
                "-A AWS-CONNMARK-CHAIN-0 -d " + vpc + " -m comment --comment \"AWS CONNMARK CHAIN, VPC CIDR\" -j RETURN",
                "-A AWS-CONNMARK-CHAIN-0 -m comment --comment \"AWS, CONNMARK\" -j CONNMARK --set-xmark 0x80/0x80",
                "-A AWS-SNAT-CHAIN-0 -d " + vpc + " -m comment --comment \"AWS SNAT CHAIN\" -j RETURN",
                "-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment \"AWS, SNAT\" -m addrtype ! --dst-type LOCAL"
                        + " -j SNAT --to-source " + primaryIp + " --random-fully",
                "COMMIT",
                "*filter",
                ":KUBE-SERVICES - [0:0]",
                ":KUBE-EXTERNAL-SERVICES - [0:0]",
                ":KUBE-FORWARD - [0:0]",
                ":KUBE-NODEPORTS - [0:0]",
                ":KUBE-FIREWALL - [0:0]",
                "-A INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS",
                "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\""
                        + " -j KUBE-EXTERNAL-SERVICES",
                "-A INPUT -j KUBE-FIREWALL",
                "-A FORWARD -m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD",
                "-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A FORWARD -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\""
                        + " -j KUBE-EXTERNAL-SERVICES",
                "-A OUTPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A OUTPUT -j KUBE-FIREWALL",
                // kubelet's: drop what KUBE-MARK-DROP marked, and keep localnet reachable only from itself
                "-A KUBE-FIREWALL -m comment --comment \"kubernetes firewall for dropping marked packets\" -m mark --mark 0x8000/0x8000"
                        + " -j DROP",
                "-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment \"block incoming localnet connections\""
                        + " -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP",
                "COMMIT",
                "*mangle",
                "-A PREROUTING -i ens5 -m comment --comment \"AWS, primary ENI\" -m addrtype --dst-type LOCAL --limit-iface-in"
                        + " -j CONNMARK --set-xmark 0x80/0x80",
                "-A PREROUTING -i eni+ -m comment --comment \"AWS, primary ENI\" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80",
                "-A PREROUTING -i vlan+ -m comment --comment \"AWS, primary ENI\" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80",
                "COMMIT",
                "");
    }
}
