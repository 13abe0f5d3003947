/**
 * kube-proxy in iptables mode, as the study's kOps 1.24 nodes run it: from the Services and their
 * ready endpoints it builds each node's {@code nat} and {@code filter} chains with kube-proxy's own
 * chain names (the SHA-256/base32 hash of {@code proxier.go}), rule order and comments, and writes only
 * the chains that changed with {@code iptables-restore --noflush}, so unchanged rules keep their
 * counters. It knows nothing of namespaces or processes: a {@link io.labbench.locallab.spi.NodeIptables}
 * given by the lab applies the text on a node.
 */
package io.labbench.locallab.kube.proxy;
