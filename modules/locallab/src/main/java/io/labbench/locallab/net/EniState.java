package io.labbench.locallab.net;

import java.util.List;

/**
 * One ENI of a node as ipamd holds it at a moment: its own address, the secondary IPs or the /28
 * prefixes (network addresses) it was given, whether pods use them yet or not.
 */
public record EniState(int deviceIndex, String device, Ipv4 primaryIp, List<Ipv4> secondaryIps, List<Ipv4> prefixes) {
}
