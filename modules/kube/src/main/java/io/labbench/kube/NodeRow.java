package io.labbench.kube;

/** A node with what limits pod placement: the {@code pods} and CPU allocatable, and how many pods it runs. */
public record NodeRow(String name, String instanceType, String zone, String internalIp, int allocatablePods,
                      String allocatableCpu, int podCount, boolean ready) {
}
