package io.labbench.locallab.nlb;

import io.labbench.locallab.inet.PublicAddresses;
import io.labbench.locallab.net.IpBatch;
import io.labbench.locallab.net.KernelAccess;
import io.labbench.locallab.net.LabTopology;
import io.labbench.locallab.net.ProcessRunner;
import io.labbench.locallab.net.Subnet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network namespace an NLB's nodes live in ({@code <prefix>-nlbN}): one veth per AZ, plugged into
 * that AZ subnet's bridge in the VPC router namespace like an ENI, holding the NLB's address there. The
 * subnets are directly connected, so HAProxy reaches pods and nodes of both zones; the NLB's address
 * in the zone it leaves from is the source the targets see. Deleting the namespace removes the veths.
 */
final class NlbNamespace {

    private final LabTopology topology;
    private final KernelAccess kernel;
    private final String netns;
    private final int index;

    NlbNamespace(LabTopology topology, KernelAccess kernel, int index) {
        this.topology = topology;
        this.kernel = kernel;
        this.index = index;
        this.netns = topology.prefix() + "-nlb" + index;
    }

    String netns() {
        return netns;
    }

    /** Creates the namespace with its address in each zone (zone → address, in the topology's subnet order). */
    void create(List<NlbModel.ZoneNode> zones) throws IOException {
        IpBatch top = IpBatch.top().add("netns add " + netns);
        for (NlbModel.ZoneNode z : zones) {
            top.add("link add " + inside(z.zone()) + " netns " + netns + " address " + mac(z.zone()) + " mtu " + LabTopology.MTU + " type veth peer name "
                    + outside(z.zone()) + " netns " + topology.vpcNetns() + " mtu " + LabTopology.MTU);
        }
        top.run(kernel);
        // replies to a client of the other zone leave by the other veth: loose reverse-path filtering. The kernel
        // forwards for an NLB that keeps the client's address (KernelForwarding); a connection it DNATs to a node
        // of the client's own subnet goes out the way it came, which must not earn the client an ICMP redirect
        List<String> sysctl = new java.util.ArrayList<>(List.of("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0",
                "net.ipv4.conf.default.rp_filter=0", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0"));
        zones.forEach(z -> sysctl.add("net.ipv4.conf." + inside(z.zone()) + ".send_redirects=0"));
        ProcessRunner.run(kernel.inNetns(netns, sysctl), "");
        IpBatch vpc = IpBatch.in(topology.vpcNetns());
        IpBatch in = IpBatch.in(netns).add("link set lo up");
        for (NlbModel.ZoneNode z : zones) {
            Subnet subnet = subnet(z.zone());
            vpc.add("link set " + outside(z.zone()) + " master " + subnet.bridge() + " up");
            in.add("link set " + inside(z.zone()) + " up").add("addr add " + z.address() + "/" + subnet.prefixLength()
                    + " dev " + inside(z.zone()));
        }
        in.add("route add default via " + subnet(zones.get(0).zone()).gateway());
        IpBatch.runAll(List.of(vpc, in), kernel);
    }

    /** The VPC router namespace, where the subnets' bridges are. */
    String vpcNetns() {
        return topology.vpcNetns();
    }

    /** This NLB's ebtables chain in the VPC router ({@link KernelForwarding}). */
    String bridgeChain() {
        return "NLB" + index;
    }

    /** The MAC of the NLB's interface in each zone's subnet (fixed at creation, so the bridge rules can name it). */
    Map<String, String> macByZone() {
        Map<String, String> macs = new LinkedHashMap<>();
        topology.subnets().forEach(s -> macs.put(s.zone(), mac(s.zone())));
        return macs;
    }

    /**
     * Each lab instance's private address → the public address the Internet Gateway maps it to 1:1, the
     * address an internet-facing NLB sees it by ({@link KernelForwardingRules#nat}).
     */
    Map<String, String> publicAddresses() {
        Map<String, String> publicByName = PublicAddresses.of(topology);
        Map<String, String> byPrivate = new LinkedHashMap<>();
        topology.nodes().forEach(n -> byPrivate.put(n.ip().toString(), publicByName.get(n.name())));
        return byPrivate;
    }

    /** A locally administered unicast MAC ({@code 0a:…}, as the lab's ENIs) derived from the namespace and zone. */
    private String mac(String zone) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest((netns + "/" + zone).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "0a:" + java.util.HexFormat.ofDelimiter(":").formatHex(d, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the namespace (and with it both veth ends); nothing left when it was never made. */
    void delete() throws IOException {
        IpBatch.top().force().add("netns del " + netns).run(kernel);
    }

    private Subnet subnet(String zone) {
        return topology.subnets().stream().filter(s -> s.zone().equals(zone)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subnet in " + zone));
    }

    private static String inside(String zone) {
        return "eth-" + zone.charAt(zone.length() - 1);
    }

    private String outside(String zone) {
        return "nlb" + index + "-" + zone.charAt(zone.length() - 1);
    }
}
