/**
 * The local lab's internet: a stand-in namespace that answers every public IPv4 address (ping and
 * TCP), the Internet Gateway's 1:1 NAT that gives the nodes public addresses from a documentation
 * range, the VPC resolver ({@link io.labbench.locallab.dns.VpcResolver}, started here with the study's
 * public names, the nodes' EC2 names and {@code api.<cluster>}), and the sites the study uses (ipinfo.io, wttr.in, www.google.com, the policy files it
 * downloads) served by nginx over HTTP and HTTPS with a lab CA the lab's machines trust. Nothing
 * leaves the machine.
 */
package io.labbench.locallab.inet;
