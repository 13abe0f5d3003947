/**
 * The machines' state as the resolver reads it: {@link io.labbench.packetpath.kernel.MachineState} (rules,
 * policy rules, local addresses, conntrack, proxy-ARP entries) and the kernel's answers to {@code ip route
 * get}, behind {@link io.labbench.packetpath.kernel.KernelView}: recorded snapshots for tests and
 * benchmarks, or asked live (package {@code live}).
 */
package io.labbench.packetpath.kernel;
