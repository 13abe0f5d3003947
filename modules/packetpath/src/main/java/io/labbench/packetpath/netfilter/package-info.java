/**
 * iptables rules as the path resolver evaluates them: {@link io.labbench.packetpath.netfilter.RuleReader}
 * reads {@code iptables-save -c}/{@code -S} or {@code iptables -L -n -v} into one
 * {@link io.labbench.packetpath.netfilter.Ruleset}; {@link io.labbench.packetpath.netfilter.ChainWalk} runs
 * one packet through a hook's chains the way netfilter does (jump, goto, RETURN, policy, terminating NAT
 * targets, marks) and reports every rule that matched. Matches it cannot evaluate are reported, never
 * silently guessed.
 */
package io.labbench.packetpath.netfilter;
