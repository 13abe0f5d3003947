package io.labbench.netparse.snapshot;

/**
 * How a column's values compare between snapshots: text changes are highlighted, counters get a
 * delta and a rate, time-like cells (AGE, conntrack timeouts) change without counting as a change.
 */
public enum CellKind { TEXT, COUNTER, TIME }
