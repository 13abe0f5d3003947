package io.labbench.locallab.kube.proxy;

/** A ready endpoint of a service port: its pod's IP, the target port and the node the pod runs on. */
public record ProxyEndpoint(String ip, int port, String nodeName) {

    /** {@code ip:port}, as kube-proxy prints it in DNAT rules and hashes it into the SEP chain name. */
    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
