package io.labbench.locallab.dns;

import java.util.List;

/**
 * Somewhere the VPC resolver gets names from: the nodes, the kOps API record, the internet stand-in,
 * the lab's AWS state. {@link #records()} is read again whenever the source signals a change (and once a
 * second in any case), so it must be cheap and must not block.
 */
public interface ResolverRecordSource {

    /** What this source answers now. */
    List<ResolverRecord> records();

    /** Runs {@code listener} after {@link #records()} changed; a source that never changes ignores it. */
    default void onChange(Runnable listener) {
    }

    /** A source whose records never change. */
    static ResolverRecordSource fixed(List<ResolverRecord> records) {
        List<ResolverRecord> copy = List.copyOf(records);
        return () -> copy;
    }
}
