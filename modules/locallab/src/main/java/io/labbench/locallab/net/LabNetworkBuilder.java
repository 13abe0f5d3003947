package io.labbench.locallab.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the lab's fixed part in four steps: one top-level {@code ip -batch} that adds every
 * namespace and every veth (created straight into their namespaces), one {@code ip -n NS -batch}
 * per namespace (run side by side), and one shell script for the sysctls and the per-node
 * {@code iptables-restore --noflush}.
 */
public final class LabNetworkBuilder {

    private final LabTopology topology;
    private final KernelAccess kernel;

    public LabNetworkBuilder(LabTopology topology, KernelAccess kernel) {
        this.topology = topology;
        this.kernel = kernel;
    }

    public void build() throws IOException {
        topLevel().run(kernel);
        IpBatch.runAll(namespaceBatches(), kernel);
        ProcessRunner.run(kernel.command(List.of("sh", "-s")), sysctlAndIptablesScript());
    }

    IpBatch topLevel() {
        IpBatch top = IpBatch.top();
        topology.fixedNetns().forEach(ns -> top.add("netns add " + ns));
        top.add("link add igw0 netns " + topology.vpcNetns() + " type veth peer name eth0 netns " + topology.inetNetns());
        for (LabNode node : topology.nodes()) {
            EniWiring.addLink(top, topology.prefix(), node, 0, topology.vpcNetns());
        }
        return top;
    }

    List<IpBatch> namespaceBatches() {
        List<IpBatch> batches = new ArrayList<>();
        IpBatch vpc = IpBatch.in(topology.vpcNetns()).add("link set lo up");
        for (Subnet subnet : topology.subnets()) {
            // a fixed MAC: a bridge otherwise takes its lowest port's MAC, so attaching an ENI could change the
            // gateway's MAC under the nodes' ARP caches and black-hole replies for seconds
            vpc.add("link add " + subnet.bridge() + " address " + bridgeMac(subnet) + " mtu " + LabTopology.MTU + " type bridge")
                    .add("addr add " + subnet.gateway() + "/" + subnet.prefixLength() + " dev " + subnet.bridge())
                    .add("link set " + subnet.bridge() + " up");
        }
        vpc.add("addr add " + LabTopology.INET_GATEWAY + "/24 dev igw0").add("link set igw0 up")
                .add("route add default via " + LabTopology.INET_ADDRESS);
        topology.nodes().forEach(node -> EniWiring.plugIntoBridge(vpc, node, 0));
        batches.add(vpc);

        batches.add(IpBatch.in(topology.inetNetns()).add("link set lo up")
                .add("addr add " + LabTopology.INET_ADDRESS + "/24 dev eth0").add("link set eth0 up")
                // no Internet Gateway 1:1 NAT here: the internet host routes the VPC straight back
                .add("route add " + LabTopology.VPC_CIDR + " via " + LabTopology.INET_GATEWAY));

        for (LabNode node : topology.nodes()) {
            IpBatch batch = IpBatch.in(node.netns());
            EniWiring.configurePrimary(batch, node);
            if (node.isKubernetesNode()) {
                batch.add("rule add from all fwmark 0x80/0x80 lookup main pref 1024");
            }
            batches.add(batch);
        }
        return batches;
    }

    String sysctlAndIptablesScript() {
        StringBuilder script = new StringBuilder("set -e\n");
        script.append(nsenter(topology.vpcNetns())).append(" sysctl -qw net.ipv4.ip_forward=1\n");
        for (LabNode node : topology.kubernetesNodes()) {
            script.append(nsenter(node.netns())).append(" sysctl -qw net.ipv4.ip_forward=1")
                    .append(" net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.default.rp_filter=2")
                    // secondary ENIs attached later inherit the conf defaults (a netns has no neigh.default)
                    .append(" net.ipv4.conf.default.arp_ignore=1 ")
                    .append(EniWiring.sysctls("ens5")).append('\n');
            script.append(nsenter(node.netns())).append(" iptables-restore -w --noflush <<'LABBENCH_RULES'\n")
                    .append(NodeIptables.restoreInput(node.ip())).append("LABBENCH_RULES\n");
        }
        return script.toString();
    }

    private String bridgeMac(Subnet subnet) {
        return Macs.of(topology.prefix() + "/" + subnet.bridge());
    }

    private String nsenter(String netns) {
        return "nsenter --net=" + kernel.netnsPath(netns);
    }

}
