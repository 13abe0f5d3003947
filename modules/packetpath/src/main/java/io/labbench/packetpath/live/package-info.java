/**
 * The path on a running lab: {@link io.labbench.packetpath.live.LiveKernel} reads each machine's state with
 * one command ({@link io.labbench.packetpath.live.MachineReader}: every section between marker lines) — all
 * nodes side by side with {@code prefetch}, or the first time the resolver needs one — and asks the kernel
 * each {@code ip route get} question, through a
 * {@link io.labbench.packetpath.live.MachineShell} the caller provides (nsenter on the local lab, an SSH
 * exec channel on AWS); {@link io.labbench.packetpath.live.CounterReading} re-reads the counters a path
 * names, for live deltas.
 */
package io.labbench.packetpath.live;
