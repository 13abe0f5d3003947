/**
 * Real SSH into the lab's machines: per-lab client and host keys, one Apache MINA SSHD server per
 * machine on loopback whose shells (pty4j) run inside that machine's namespaces, and relays that make
 * each node's SSH port and the API server reachable from inside the lab's network (so {@code ssh
 * ubuntu@$W1PIP} and {@code kubectl} work in the {@code kops-ec2} shell as in the study).
 */
package io.labbench.locallab.ssh;
