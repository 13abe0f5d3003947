/**
 * The lab's container runtime: runs a pod's containers as real host processes inside the pod's
 * network, UTS and mount namespaces, chosen by an image catalogue built from Debian packages (real
 * nginx for {@code nginx}, nginx with echoserver's reply layout for {@code echoserver}, the pod spec's
 * command for tool-box and shell images, Debian's dnsmasq as the cluster DNS for CoreDNS's image
 * ({@link io.labbench.locallab.pods.ClusterDnsServers}), a sleeping process for anything else), with restarts,
 * back-off, readiness from listening sockets and log files for {@code kubectl logs}. A pod's configMap, secret and
 * emptyDir volumes are bound at their mountPaths in the pod's own mount namespace ({@link io.labbench.locallab.pods.PodMounts}).
 */
package io.labbench.locallab.pods;
