package io.labbench.locallab.kube.control;

/**
 * Where one pod's start went, as the kubelet timed it: waiting for a starter thread of its node, the
 * CNI's part (address, namespaces, veth, routes, {@code /pause}), the runtime's (its container processes
 * spawned), and writing the first Running status. Logged at {@code FINE} on the kubelet's logger with
 * this record as the log record's parameter, for the pod-start benchmark to add up.
 */
public record PodStartTiming(String pod, long queuedMicros, long networkMicros, long containersMicros, long statusMicros) {

    /** The kubelet's logger name, where these records go. */
    public static final String LOGGER = Kubelet.class.getName();
}
