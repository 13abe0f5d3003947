/**
 * Snapshots (parsed output at one moment, as rows with stable identities) and their diffs: rows added,
 * removed and changed, counter deltas and rates with resets, time-like cells ignored. What the watch
 * panels draw and the lab checks ask.
 */
package io.labbench.netparse.snapshot;
