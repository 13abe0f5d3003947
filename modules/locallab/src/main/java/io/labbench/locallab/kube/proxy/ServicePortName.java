package io.labbench.locallab.kube.proxy;

/**
 * One port of one Service as kube-proxy names it: {@code namespace/name:port}, or {@code namespace/name}
 * when the port has no name (kube-proxy's {@code ServicePortName.String()} with {@code fmtPortName}).
 * The text is both the rules' comment and the input of the chain-name hash.
 */
public record ServicePortName(String namespace, String name, String port) {

    @Override
    public String toString() {
        return namespace + "/" + name + (port.isEmpty() ? "" : ":" + port);
    }
}
