package io.labbench.locallab.kube.proxy;

/** kube-proxy's chains on one node: the {@code filter} and {@code nat} tables. */
public record NodeRules(ChainSet filter, ChainSet nat) {

    /** The whole rule set as one {@code iptables-restore --noflush} input (what a full sync writes). */
    public String fullRestoreInput() {
        return RestoreDelta.between(new NodeRules(new ChainSet(), new ChainSet()), this).text();
    }
}
