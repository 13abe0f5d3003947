package io.labbench.app.watch;

import java.util.Locale;

/**
 * Node output shaped exactly like the real tools print it (iptables -L -n -v -x, ip -o link, ip route),
 * with counters and links that move with {@code tick}: the demo and the benchmarks' stand-in for a busy
 * worker node.
 */
final class SyntheticOutputs {

    private SyntheticOutputs() {
    }

    /** AWS-SNAT-CHAIN-0 as on a kOps worker, its SNAT rule counting pings to the internet. */
    static String snatChain(int tick) {
        long pkts = 12L * tick;
        return String.format(Locale.ROOT, """
                Chain AWS-SNAT-CHAIN-0 (1 references)
                    pkts      bytes target     prot opt in     out     source               destination
                %8d %10d RETURN     0    --  *      *       0.0.0.0/0            172.30.0.0/16        /* AWS SNAT CHAIN */
                %8d %10d SNAT       0    --  *      !vlan+  0.0.0.0/0            0.0.0.0/0            /* AWS, SNAT */ ADDRTYPE match dst-type !LOCAL to:172.30.46.72 random-fully
                """, 40L + 3L * tick, 3360L + 252L * tick, pkts, pkts * 84);
    }

    /** A nat chain of {@code rules} rules; every seventh one counts traffic. */
    static String bigChain(int rules, int tick) {
        StringBuilder out = new StringBuilder("Chain KUBE-SERVICES (2 references)\n"
                + "    pkts      bytes target     prot opt in     out     source               destination\n");
        for (int i = 0; i < rules; i++) {
            long pkts = i % 7 == 0 ? (long) i + 5L * tick : i;
            out.append(String.format(Locale.ROOT,
                    "%8d %10d KUBE-SVC-%016X  6    --  *      *       0.0.0.0/0            10.%d.%d.%d          /* default/svc-%d:http cluster IP */ tcp dpt:%d%n",
                    pkts, pkts * 60, (long) i * 2654435761L, 96 + i / 65536, (i / 256) % 256, i % 256, i, 80 + i % 1000));
        }
        return out.toString();
    }

    /** {@code ip -o link} of a worker: ens5, and one more eni veth every few ticks (pods being scheduled). */
    static String links(int tick) {
        StringBuilder out = new StringBuilder();
        out.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\"
                + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        out.append("2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP mode DEFAULT group default qlen 1000\\"
                + "    link/ether 02:8e:4a:1b:2c:3d brd ff:ff:ff:ff:ff:ff\n");
        int pods = Math.min(6, 1 + tick / 3);
        for (int p = 0; p < pods; p++) {
            String state = p == 1 && tick % 4 == 0 ? "LOWERLAYERDOWN" : "UP";
            out.append(String.format(Locale.ROOT, "%d: eni%011x@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state %s"
                    + " mode DEFAULT group default\\    link/ether 6a:11:22:33:44:%02x brd ff:ff:ff:ff:ff:ff link-netns cni-%d%n",
                    3 + p, 0x5e9c8a4b1fL + p * 7919L, state, p, p));
        }
        return out.toString();
    }

    /** {@code ip route} of a worker with one /32 per pod. */
    static String routes(String node, int tick) {
        String ip = node.equals("worker1") ? "172.30.46.72" : "172.30.85.11";
        StringBuilder out = new StringBuilder("default via 172.30.32.1 dev ens5 proto dhcp src " + ip + " metric 100\n"
                + "172.30.32.0/19 dev ens5 proto kernel scope link src " + ip + " metric 100\n");
        int pods = Math.min(4, 1 + tick / 4);
        for (int p = 0; p < pods; p++) {
            int host = node.equals("worker1") ? 40 + p : 90 + p;
            out.append(String.format(Locale.ROOT, "172.30.%d.%d dev eni%011x scope link%n", node.equals("worker1") ? 40 : 80,
                    host, 0x5e9c8a4b1fL + p * 7919L + (node.equals("worker1") ? 0 : 13)));
        }
        return out.toString();
    }
}
