package io.labbench.locallab.net;

/**
 * An ENI as the lab builds it: a veth whose node end is {@code ensN} and whose other end is a port
 * of the AZ subnet's bridge in the VPC router namespace.
 */
final class EniWiring {

    private EniWiring() {
    }

    static String device(int deviceIndex) {
        return "ens" + (5 + deviceIndex);
    }

    static String vpcPeer(LabNode node, int deviceIndex) {
        return node.name() + "-" + device(deviceIndex);
    }

    /** Route table aws-node gives ENI device-number N (ens6 = 1 -> table 2). */
    static int routeTable(int deviceIndex) {
        return deviceIndex + 1;
    }

    static String mac(String prefix, LabNode node, int deviceIndex) {
        return Macs.of(prefix + "/" + node.name() + "/" + device(deviceIndex));
    }

    /** Creates both ends directly in their namespaces (no detour through the top-level namespace). */
    static void addLink(IpBatch top, String prefix, LabNode node, int deviceIndex, String vpcNetns) {
        top.add("link add " + device(deviceIndex) + " netns " + node.netns() + " address " + mac(prefix, node, deviceIndex)
                + " mtu " + LabTopology.MTU + " type veth peer name " + vpcPeer(node, deviceIndex) + " netns " + vpcNetns
                + " mtu " + LabTopology.MTU);
    }

    static void plugIntoBridge(IpBatch vpc, LabNode node, int deviceIndex) {
        vpc.add("link set " + vpcPeer(node, deviceIndex) + " master " + node.subnet().bridge() + " up");
    }

    /** ens5 as Ubuntu's netplan/DHCP leaves it: address, gateway and default route with proto dhcp metric 100. */
    static void configurePrimary(IpBatch inNode, LabNode node) {
        Ipv4 gw = node.subnet().gateway();
        inNode.add("link set lo up")
                .add("link set ens5 up")
                .add("addr add " + node.ip() + "/" + node.subnet().prefixLength() + " dev ens5 metric 100")
                .add("route add " + gw + " dev ens5 proto dhcp scope link src " + node.ip() + " metric 100")
                .add("route add default via " + gw + " dev ens5 proto dhcp src " + node.ip() + " metric 100");
    }

    /**
     * What aws-node does for ENI #N: address without a main-table subnet route, and route table N+1
     * with the gateway and the default route through this ENI.
     */
    static void configureSecondary(IpBatch inNode, LabNode node, int deviceIndex, Ipv4 eniIp) {
        String dev = device(deviceIndex);
        int table = routeTable(deviceIndex);
        Ipv4 gw = node.subnet().gateway();
        inNode.add("link set " + dev + " up")
                .add("addr add " + eniIp + "/" + node.subnet().prefixLength() + " dev " + dev + " noprefixroute")
                .add("route add " + gw + " dev " + dev + " scope link table " + table)
                .add("route add default via " + gw + " dev " + dev + " table " + table);
    }

    /** Per-ENI sysctls: loose rp_filter and no ARP flux between ens5/ens6, instant proxy ARP. */
    static String sysctls(String dev) {
        return "net.ipv4.conf." + dev + ".rp_filter=2 net.ipv4.conf." + dev + ".arp_ignore=1 net.ipv4.neigh." + dev
                + ".proxy_delay=0";
    }
}
