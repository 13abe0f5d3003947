package io.labbench.kube;

import java.time.Instant;

/** A Kubernetes event, e.g. FailedScheduling with "Too many pods". */
public record EventRow(String namespace, String involvedObject, String type, String reason, String message,
                       int count, Instant lastSeen) {
}
