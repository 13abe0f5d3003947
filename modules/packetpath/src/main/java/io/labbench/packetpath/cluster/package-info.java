/**
 * The cluster as the path resolver needs it, as plain records: nodes with their ENIs, pods with their IPs,
 * nodes and host veths, Services with their cluster IPs, ports and endpoints, and (for the NLB) load
 * balancers with listeners, target groups and targets. The app fills them from whichever backend runs
 * (the local lab's API server, or kubectl and ELBv2 on AWS); nothing here talks to either.
 */
package io.labbench.packetpath.cluster;
