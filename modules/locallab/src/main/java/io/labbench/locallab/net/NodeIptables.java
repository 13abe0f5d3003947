package io.labbench.locallab.net;

/**
 * The iptables a kOps node with the VPC CNI starts with: the kube-proxy skeleton (iptables mode) and
 * aws-node's SNAT/CONNMARK rules, as {@code iptables-restore --noflush} input. The text mirrors what
 * {@code iptables -t nat -S} shows on a study node.
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
                ":AWS-CONNMARK-CHAIN-0 - [0:0]",
                ":AWS-SNAT-CHAIN-0 - [0:0]",
                "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
                "-A POSTROUTING -m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING",
                "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000",
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
                "*mangle",
                "-A PREROUTING -i ens5 -m comment --comment \"AWS, primary ENI\" -m addrtype --dst-type LOCAL --limit-iface-in"
                        + " -j CONNMARK --set-xmark 0x80/0x80",
                "-A PREROUTING -i eni+ -m comment --comment \"AWS, primary ENI\" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80",
                "-A PREROUTING -i vlan+ -m comment --comment \"AWS, primary ENI\" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80",
                "COMMIT",
                "");
    }
}
