package io.labbench.packetpath;

import io.labbench.packetpath.cluster.ClusterPod;
import io.labbench.packetpath.cluster.ClusterService;
import io.labbench.packetpath.cluster.ClusterState;
import io.labbench.packetpath.cluster.LoadBalancer;
import io.labbench.packetpath.netfilter.Ipv4Cidr;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a learner types as a flow's end: {@code pod-1} or {@code default/pod-1}, {@code worker1} or its
 * hostname, {@code svc/web} or {@code svc/kube-system/kube-dns[:53]}, an IPv4 address, a name the lab knows
 * ({@code api.CLUSTER}, the internet stand-in's name) or a load balancer's DNS name.
 */
public final class Places {
    private Places() {
    }

    /** The place, or why {@code text} names none. */
    public record Lookup(Optional<Place> place, String problem) {
        static Lookup found(Place p) {
            return new Lookup(Optional.of(p), "");
        }

        static Lookup missing(String why) {
            return new Lookup(Optional.empty(), why);
        }
    }

    public static Lookup parse(String text, ClusterState cluster) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Lookup.missing("a flow end is empty: name a pod, node, svc/NAME, an address or a DNS name");
        }
        if (t.startsWith("svc/")) {
            return service(t.substring(4), cluster);
        }
        Optional<io.labbench.packetpath.cluster.ClusterNode> node = cluster.node(t);
        if (node.isPresent()) {
            return Lookup.found(new Place.Node(node.get()));
        }
        Optional<ClusterPod> pod = pod(t, cluster);
        if (pod.isPresent()) {
            return Lookup.found(new Place.Pod(pod.get()));
        }
        if (Ipv4Cidr.address(t).isPresent()) {
            return Lookup.found(byAddress(t, t, cluster));
        }
        String named = cluster.names().get(t);
        if (named != null) {
            return Lookup.found(byAddress(named, t, cluster));
        }
        for (LoadBalancer lb : cluster.loadBalancers()) {
            if (lb.dnsName().equalsIgnoreCase(t) && !lb.listeners().isEmpty()) {
                return Lookup.found(new Place.LoadBalancerListener(lb, lb.listeners().get(0)));
            }
        }
        return Lookup.missing("'" + t + "' is not a pod, node, Service (svc/NAME), IPv4 address or a name this lab knows"
                + (cluster.names().isEmpty() ? "" : " (" + String.join(", ", cluster.names().keySet().stream().sorted().toList()) + ")"));
    }

    private static Optional<ClusterPod> pod(String t, ClusterState cluster) {
        int slash = t.indexOf('/');
        String ns = slash < 0 ? "" : t.substring(0, slash);
        String name = slash < 0 ? t : t.substring(slash + 1);
        List<ClusterPod> hits = cluster.pods().stream()
                .filter(p -> p.name().equals(name) && (ns.isEmpty() || p.namespace().equals(ns))).toList();
        // the default namespace wins when the learner gave no namespace, as kubectl does
        return hits.stream().filter(p -> ns.isEmpty() && "default".equals(p.namespace())).findFirst()
                .or(() -> hits.stream().findFirst());
    }

    private static Lookup service(String spec, ClusterState cluster) {
        String name = spec;
        int port = 0;
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
            try {
                port = Integer.parseInt(spec.substring(colon + 1));
                name = spec.substring(0, colon);
            } catch (NumberFormatException e) {
                return Lookup.missing("'svc/" + spec + "': the part after ':' should be a port number");
            }
        }
        int slash = name.indexOf('/');
        String ns = slash < 0 ? "" : name.substring(0, slash);
        String n = slash < 0 ? name : name.substring(slash + 1);
        Optional<ClusterService> svc = cluster.services().stream()
                .filter(s -> s.name().equals(n) && (ns.isEmpty() || s.namespace().equals(ns)))
                .min((a, b) -> Boolean.compare(!"default".equals(a.namespace()), !"default".equals(b.namespace())));
        if (svc.isEmpty()) {
            return Lookup.missing("no Service '" + name + "' (kubectl get svc -A lists them)");
        }
        if (svc.get().ports().isEmpty()) {
            return Lookup.missing("Service '" + name + "' has no ports");
        }
        int wanted = port;
        Optional<ClusterService.Port> p = wanted == 0 ? Optional.of(svc.get().ports().get(0))
                : svc.get().ports().stream().filter(x -> x.port() == wanted).findFirst();
        if (p.isEmpty()) {
            return Lookup.missing("Service '" + name + "' has no port " + wanted);
        }
        return Lookup.found(new Place.Service(svc.get(), p.get()));
    }

    private static Place byAddress(String ip, String label, ClusterState cluster) {
        Optional<ClusterPod> pod = cluster.podWithAddress(ip);
        if (pod.isPresent()) {
            return new Place.Pod(pod.get());
        }
        Optional<io.labbench.packetpath.cluster.ClusterNode> node = cluster.nodeWithAddress(ip);
        if (node.isPresent()) {
            return new Place.Node(node.get());
        }
        Optional<ClusterService> svc = cluster.serviceWithClusterIp(ip);
        if (svc.isPresent() && !svc.get().ports().isEmpty()) {
            return new Place.Service(svc.get(), svc.get().ports().get(0));
        }
        return new Place.Address(ip, label);
    }

    /**
     * The flow between two places: ICMP (ping) unless {@code to} is a Service or listener, whose port and
     * protocol it takes; {@code protocol}/{@code port} override when given (empty / 0).
     */
    public static Flow flow(Place from, Place to, String protocol, int port) {
        String proto = protocol == null || protocol.isEmpty() ? "icmp" : protocol;
        int p = port;
        if (to instanceof Place.Service s && (protocol == null || protocol.isEmpty())) {
            proto = s.port().protocol().toLowerCase(java.util.Locale.ROOT);
            p = port > 0 ? port : s.port().port();
        } else if (to instanceof Place.LoadBalancerListener l && (protocol == null || protocol.isEmpty())) {
            proto = l.listener().protocol().toLowerCase(java.util.Locale.ROOT).replace("tls", "tcp");
            p = l.listener().port();
        }
        return new Flow(from, to, proto, "icmp".equals(proto) ? 0 : p);
    }
}
