package io.labbench.locallab.kube.proxy;

import java.util.List;
import java.util.Locale;

/**
 * Builds one node's kube-proxy chains the way {@code syncProxyRules} in kube-proxy 1.24's
 * {@code pkg/proxy/iptables/proxier.go} does: the same chains, the same rules in the same order, the
 * same comments and the same masquerade mark. Service ports are taken in the order given (kube-proxy
 * walks a Go map, so its order varies from sync to sync; here it is the caller's sorted order).
 *
 * @param clusterCidr the cluster CIDR kube-proxy detects local (pod) traffic by; traffic to a cluster IP
 *                    from outside it is marked for masquerade
 */
public record ProxyRules(String clusterCidr) {

    static final String MASQ_MARK = "0x4000";
    private static final String SERVICES = "KUBE-SERVICES";
    private static final String EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
    private static final String FORWARD = "KUBE-FORWARD";
    private static final String NODE_PORTS = "KUBE-NODEPORTS";
    private static final String POSTROUTING = "KUBE-POSTROUTING";
    private static final String MARK_MASQ = "KUBE-MARK-MASQ";

    /**
     * @param nodeName the node whose rules these are (its endpoints are the local ones)
     * @param nodeIp   its primary address (a load balancer source range that holds it admits the node)
     */
    public NodeRules forNode(String nodeName, String nodeIp, List<ProxyServicePort> ports) {
        ChainSet filter = new ChainSet();
        ChainSet nat = new ChainSet();
        for (String c : List.of(SERVICES, EXTERNAL_SERVICES, FORWARD, NODE_PORTS)) {
            filter.chain(c);
        }
        for (String c : List.of(SERVICES, NODE_PORTS, POSTROUTING, MARK_MASQ)) {
            nat.chain(c);
        }
        nat.rule(POSTROUTING, "-m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
        nat.rule(POSTROUTING, "-j MARK --xor-mark " + MASQ_MARK);
        nat.rule(POSTROUTING, "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully");
        nat.rule(MARK_MASQ, "-j MARK --or-mark " + MASQ_MARK);
        for (ProxyServicePort port : ports) {
            servicePort(filter, nat, nodeName, nodeIp, port);
        }
        nat.rule(SERVICES, "-m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
                + " -m addrtype --dst-type LOCAL -j " + NODE_PORTS);
        filter.rule(FORWARD, "-m conntrack --ctstate INVALID -j DROP");
        filter.rule(FORWARD, "-m comment --comment \"kubernetes forwarding rules\" -m mark --mark " + MASQ_MARK + "/" + MASQ_MARK
                + " -j ACCEPT");
        filter.rule(FORWARD, "-m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED"
                + " -j ACCEPT");
        return new NodeRules(filter, nat);
    }

    private void servicePort(ChainSet filter, ChainSet nat, String nodeName, String nodeIp, ProxyServicePort svc) {
        String name = svc.name().toString();
        String proto = svc.lowerProtocol();
        String match = "-m " + proto + " -p " + proto;
        List<ProxyEndpoint> all = svc.endpoints();
        List<ProxyEndpoint> local = all.stream().filter(e -> e.nodeName().equals(nodeName)).toList();
        boolean hasEndpoints = !all.isEmpty();
        String clusterChain = ChainNames.cluster(svc.name(), svc.protocol());
        String localChain = ChainNames.local(svc.name(), svc.protocol());
        String extChain = ChainNames.external(svc.name(), svc.protocol());
        String fwChain = ChainNames.firewall(svc.name(), svc.protocol());
        boolean usesClusterChain = !all.isEmpty() && svc.usesClusterEndpoints();
        boolean usesLocalChain = !local.isEmpty() && svc.usesLocalEndpoints();

        String internalChain = svc.internalLocal() ? localChain : clusterChain;
        boolean hasInternalEndpoints = hasEndpoints && (!svc.internalLocal() || !local.isEmpty());
        String externalPolicyChain = svc.externalPolicyLocal() ? localChain : clusterChain;
        boolean hasExternalEndpoints = hasEndpoints && (!svc.externalPolicyLocal() || !local.isEmpty());
        boolean usesExtChain = hasEndpoints && svc.externallyAccessible();
        boolean usesFwChain = hasEndpoints && !svc.loadBalancerIps().isEmpty() && !svc.sourceRanges().isEmpty();
        String lbChain = usesFwChain ? fwChain : extChain;

        String internalFilterTarget = "";
        String internalFilterComment = "";
        String externalFilterTarget = "";
        String externalFilterComment = "";
        if (!hasEndpoints) {
            internalFilterTarget = "REJECT";
            internalFilterComment = quote(name + " has no endpoints");
            externalFilterTarget = "REJECT";
            externalFilterComment = internalFilterComment;
        } else {
            if (!hasInternalEndpoints) {
                internalFilterTarget = "DROP";
                internalFilterComment = quote(name + " has no local endpoints");
            }
            if (!hasExternalEndpoints) {
                externalFilterTarget = "DROP";
                externalFilterComment = quote(name + " has no local endpoints");
            }
        }

        String toClusterIp = match + " -d " + svc.clusterIp() + " --dport " + svc.port();
        if (hasInternalEndpoints) {
            nat.rule(SERVICES, "-m comment --comment " + quote(name + " cluster IP") + " " + toClusterIp + " -j " + internalChain);
        } else {
            filter.rule(SERVICES, "-m comment --comment " + internalFilterComment + " " + toClusterIp + " -j " + internalFilterTarget);
        }
        for (String externalIp : svc.externalIps()) {
            String to = match + " -d " + externalIp + " --dport " + svc.port();
            if (hasEndpoints) {
                nat.rule(SERVICES, "-m comment --comment " + quote(name + " external IP") + " " + to + " -j " + extChain);
            }
            if (!hasExternalEndpoints) {
                filter.rule(EXTERNAL_SERVICES, "-m comment --comment " + externalFilterComment + " " + to + " -j " + externalFilterTarget);
            }
        }
        for (String lbIp : svc.loadBalancerIps()) {
            if (hasEndpoints) {
                nat.rule(SERVICES, "-m comment --comment " + quote(name + " loadbalancer IP") + " " + match + " -d " + lbIp
                        + " --dport " + svc.port() + " -j " + lbChain);
            }
        }
        if (!hasExternalEndpoints) {
            for (String lbIp : svc.loadBalancerIps()) {
                filter.rule(EXTERNAL_SERVICES, "-m comment --comment " + externalFilterComment + " " + match + " -d " + lbIp
                        + " --dport " + svc.port() + " -j " + externalFilterTarget);
            }
        }
        if (svc.nodePort() != 0) {
            if (hasEndpoints) {
                nat.rule(NODE_PORTS, "-m comment --comment " + name + " " + match + " --dport " + svc.nodePort() + " -j " + extChain);
            }
            if (!hasExternalEndpoints) {
                filter.rule(EXTERNAL_SERVICES, "-m comment --comment " + externalFilterComment + " -m addrtype --dst-type LOCAL "
                        + match + " --dport " + svc.nodePort() + " -j " + externalFilterTarget);
            }
        }
        if (svc.healthCheckNodePort() != 0) {
            filter.rule(NODE_PORTS, "-m comment --comment " + quote(name + " health check node port") + " -m tcp -p tcp --dport "
                    + svc.healthCheckNodePort() + " -j ACCEPT");
        }

        if (hasInternalEndpoints) {
            nat.rule(internalChain, "-m comment --comment " + quote(name + " cluster IP") + " " + toClusterIp + " ! -s " + clusterCidr
                    + " -j " + MARK_MASQ);
        }
        if (usesExtChain) {
            nat.chain(extChain);
            if (!svc.externalPolicyLocal()) {
                nat.rule(extChain, "-m comment --comment " + quote("masquerade traffic for " + name + " external destinations")
                        + " -j " + MARK_MASQ);
            } else {
                nat.rule(extChain, "-m comment --comment " + quote("pod traffic for " + name + " external destinations")
                        + " -s " + clusterCidr + " -j " + clusterChain);
                nat.rule(extChain, "-m comment --comment " + quote("masquerade LOCAL traffic for " + name + " external destinations")
                        + " -m addrtype --src-type LOCAL -j " + MARK_MASQ);
                nat.rule(extChain, "-m comment --comment " + quote("route LOCAL traffic for " + name + " external destinations")
                        + " -m addrtype --src-type LOCAL -j " + clusterChain);
            }
            if (hasExternalEndpoints) {
                nat.rule(extChain, "-j " + externalPolicyChain);
            }
        }
        if (usesFwChain) {
            nat.chain(fwChain);
            String args = "-m comment --comment " + quote(name + " loadbalancer IP");
            boolean allowFromNode = false;
            for (String cidr : svc.sourceRanges()) {
                nat.rule(fwChain, args + " -s " + cidr + " -j " + extChain);
                allowFromNode |= Cidr.contains(cidr, nodeIp);
            }
            if (allowFromNode) {
                for (String lbIp : svc.loadBalancerIps()) {
                    nat.rule(fwChain, args + " -s " + lbIp + " -j " + extChain);
                }
            }
            nat.rule(fwChain, args + " -j KUBE-MARK-DROP");
        }
        if (usesClusterChain) {
            nat.chain(clusterChain);
            spread(nat, name, svc, clusterChain, all);
        }
        if (usesLocalChain) {
            nat.chain(localChain);
            spread(nat, name, svc, localChain, local);
        }
        List<ProxyEndpoint> reachable = usesClusterChain ? all : usesLocalChain ? local : List.of();
        for (ProxyEndpoint ep : reachable) {
            String sep = ChainNames.endpoint(svc.name(), svc.protocol(), ep.toString());
            nat.chain(sep);
            nat.rule(sep, "-m comment --comment " + name + " -s " + ep.ip() + " -j " + MARK_MASQ);
            nat.rule(sep, "-m comment --comment " + name + " " + match + " -j DNAT --to-destination " + ep);
        }
    }

    /** The Service chain's random spread: rule i matches 1/(n-i) of what is left, the last takes the rest. */
    private static void spread(ChainSet nat, String name, ProxyServicePort svc, String chain, List<ProxyEndpoint> endpoints) {
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            String sep = ChainNames.endpoint(svc.name(), svc.protocol(), endpoints.get(i).toString());
            String statistic = i < n - 1 ? " -m statistic --mode random --probability " + probability(n - i) : "";
            nat.rule(chain, "-m comment --comment " + name + statistic + " -j " + sep);
        }
    }

    /** kube-proxy's {@code probability(n)}: {@code fmt.Sprintf("%0.10f", 1.0/float64(n))}. */
    static String probability(int n) {
        return String.format(Locale.ROOT, "%.10f", 1.0 / n);
    }

    private static String quote(String comment) {
        return "\"" + comment + "\"";
    }
}
