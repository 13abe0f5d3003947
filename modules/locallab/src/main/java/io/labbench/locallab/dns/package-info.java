/**
 * The VPC resolver (AmazonProvidedDNS at the VPC's base address + 2): Debian's dnsmasq in the VPC
 * namespace, answering only what its {@link io.labbench.locallab.dns.ResolverRecordSource record sources}
 * hold (the nodes' EC2 names, {@code api.<cluster>}, the internet stand-in's sites, and what the lab's
 * AWS state adds: load balancer names and Route 53 records) and NXDOMAIN for everything else, so no
 * query ever leaves the machine. Sources are pluggable: a part of the lab adds its own and signals changes.
 */
package io.labbench.locallab.dns;
