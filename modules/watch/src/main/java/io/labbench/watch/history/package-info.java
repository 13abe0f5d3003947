/**
 * A watch's past: the last N refreshes ({@link io.labbench.watch.history.WatchPoint}, default 300), each
 * with its raw output, snapshot and diff from the one before, and marks on the timeline such as "counters
 * zeroed". Compare any two points with {@link io.labbench.watch.history.WatchHistory#compare}.
 */
package io.labbench.watch.history;
