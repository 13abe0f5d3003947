/**
 * The values the parsers read: links, addresses, routes, rules, iptables chains and rules, conntrack
 * entries, watch screen sections. Plain records; text fields hold what the tool printed and are empty
 * strings when it printed nothing there, numbers that may be absent are OptionalInt/OptionalLong.
 */
package io.labbench.netparse.model;
