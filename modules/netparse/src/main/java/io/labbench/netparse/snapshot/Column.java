package io.labbench.netparse.snapshot;

public record Column(String name, CellKind kind) {
}
