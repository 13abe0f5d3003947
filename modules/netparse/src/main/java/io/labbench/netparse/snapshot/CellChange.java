package io.labbench.netparse.snapshot;

/** A text cell whose value differs between two snapshots of the same row. */
public record CellChange(String column, String oldValue, String newValue) {
}
