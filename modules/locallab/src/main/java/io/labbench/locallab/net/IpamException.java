package io.labbench.locallab.net;

import java.io.IOException;

/** ipamd could not give a pod an address: the node is full, by maxPods or by its ENIs' IPs. */
public final class IpamException extends IOException {

    /** Why: the node's pods limit, or its ENIs have no address left. */
    public enum Reason { TOO_MANY_PODS, NO_ADDRESS_LEFT }

    private final Reason reason;

    public IpamException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
