package io.labbench.locallab.kube.proxy;

/** kube-proxy's settings on the study's kOps nodes. */
public final class KubeProxyDefaults {

    /**
     * kOps with the VPC CNI gives kube-proxy the VPC's CIDR as {@code clusterCIDR}: pods take VPC
     * addresses, so traffic from inside the VPC counts as pod traffic and is not masqueraded.
     */
    public static final String CLUSTER_CIDR = "172.30.0.0/16";

    private KubeProxyDefaults() {
    }
}
