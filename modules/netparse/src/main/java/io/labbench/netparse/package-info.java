/**
 * Netparse reads what the node tools print ({@code ip}, {@code route}, {@code iptables},
 * {@code conntrack}, {@code kubectl}) into typed results, never throwing on bad input but returning
 * what it understood plus line-numbered diagnostics, and turns results into snapshots (rows with a
 * stable identity) whose diffs drive the watch panels and the lab checks. Plain Java: no I/O, no SSH,
 * no JavaFX, so tests, benchmarks and the command line can all drive it.
 */
package io.labbench.netparse;
