/**
 * The small interfaces through which the local lab's parts use each other, kept below all of them so
 * the arrows run one way: the kernel side ({@code net}) implements {@link
 * io.labbench.locallab.spi.PodNetwork}, the Kubernetes side ({@code kube}) uses it, and neither
 * imports the other or the package that composes them.
 */
package io.labbench.locallab.spi;
