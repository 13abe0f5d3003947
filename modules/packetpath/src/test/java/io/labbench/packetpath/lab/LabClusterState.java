package io.labbench.packetpath.lab;

import io.labbench.locallab.LocalLab;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.PodAttachment;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.netparse.model.Address;
import io.labbench.netparse.model.AddressedInterface;
import io.labbench.netparse.parsers.IpAddrParser;
import io.labbench.packetpath.cluster.ClusterNode;
import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.live.MachineShell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cluster state and machine shell of a local lab run in this JVM (tests only: the app reads them over its daemon). */
final class LabClusterState {
    private LabClusterState() {
    }

    static ClusterState of(LocalLab lab, MachineShell shell) throws IOException {
        LabTopology topology = lab.topology();
        List<ClusterNode> nodes = new ArrayList<>();
        for (LabNode n : topology.nodes()) {
            List<ClusterNode.Eni> enis = new ArrayList<>();
            String addr = shell.run(n.name(), "ip addr").stdout();
            for (AddressedInterface i : IpAddrParser.parse(addr).interfaces()) {
                if (i.name().startsWith("ens")) {
                    for (Address a : i.addresses()) {
                        if ("inet".equals(a.family())) {
                            enis.add(new ClusterNode.Eni(i.name(), a.cidr().substring(0, a.cidr().indexOf('/'))));
                        }
                    }
                }
            }
            enis.sort(java.util.Comparator.comparing(ClusterNode.Eni::device));
            nodes.add(new ClusterNode(n.name(), n.hostname(), enis));
        }
        List<ClusterPod> pods = new ArrayList<>();
        for (PodAttachment p : lab.podNetwork().pods()) {
            String node = topology.nodes().stream().filter(n -> n.name().equals(p.node()) || n.instanceId().equals(p.node()))
                    .map(LabNode::name).findFirst().orElse(p.node());
            pods.add(new ClusterPod(p.namespace(), p.pod(), p.ip(), node, p.hostVeth(), p.hostNetwork()));
        }
        return new ClusterState(nodes, pods, List.of(), List.of(), LabTopology.VPC_CIDR,
                Map.of("internet", LabTopology.INET_ADDRESS));
    }

    /** nsenter into the machine's namespace: nodes by name, pods as pod/NS/NAME, the VPC router as vpc. */
    static MachineShell shell(LocalLab lab) {
        LabTopology topology = lab.topology();
        return (machine, command) -> {
            String netns;
            if ("vpc".equals(machine)) {
                netns = topology.vpcNetns();
            } else if (machine.startsWith("pod/")) {
                String[] p = machine.split("/", 3);
                netns = lab.podNetwork().pod(p[1], p[2]).orElseThrow(() -> new IOException("no pod " + machine)).netns();
            } else {
                netns = topology.findNode(machine).orElseThrow(() -> new IOException("no machine " + machine)).netns();
            }
            ProcessRunner.Result r = ProcessRunner.runAllowingFailure(
                    List.of("nsenter", "--net=/run/netns/" + netns, "--", "sh", "-c", command), "");
            return new MachineShell.Output(r.exitCode(), r.stdout(), r.stderr());
        };
    }
}
