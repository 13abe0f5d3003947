/**
 * The lab's container runtime: runs a pod's containers as real host processes inside the pod's
 * network, UTS and mount namespaces, chosen by an image catalogue built from Debian packages (real
 * nginx for {@code nginx}, nginx with echoserver's reply layout for {@code echoserver}, the pod spec's
 * command for tool-box and shell images, Debian's dnsmasq as the cluster DNS for CoreDNS's image
 * ({@link io.labbench.locallab.pods.ClusterDnsServers}), a sleeping process for anything else), with restarts,
 * back-off, readiness from listening sockets and log files for {@code kubectl logs}.
 */
package io.labbench.locallab.pods;
