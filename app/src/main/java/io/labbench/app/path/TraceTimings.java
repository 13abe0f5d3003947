package io.labbench.app.path;

/**
 * Where one trace's time went: listing the Kubernetes objects and reading every node's snapshot (both at once,
 * so the trace waits for the slower), then the walk, in which {@code routeQuestions} {@code ip route get}
 * questions took {@code routeMillis} of {@code walkMillis}. For {@code labbench path --timings} and benchmarks.
 */
public record TraceTimings(long listMillis, long snapshotsMillis, long walkMillis, int routeQuestions, long routeMillis,
                           long totalMillis) {

    @Override
    public String toString() {
        return String.format("trace %d ms: Kubernetes lists %d ms and node snapshots %d ms side by side, then the walk %d ms"
                + " (%d route questions, %d ms)", totalMillis, listMillis, snapshotsMillis, walkMillis, routeQuestions, routeMillis);
    }
}
