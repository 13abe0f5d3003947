/**
 * The small interfaces through which the local lab's parts use each other, kept below all of them so
 * the arrows run one way: the kernel side ({@code net}) implements {@link
 * io.labbench.locallab.spi.PodNetwork}, the Kubernetes side ({@code kube}) uses it, and neither
 * imports the other or the package that composes them. {@link io.labbench.locallab.spi.ClusterNames}
 * carries the cluster's DNS names from the controllers to the container runtime's DNS servers.
 */
package io.labbench.locallab.spi;
