/**
 * {@code kubectl exec} over WebSocket: the Kubernetes channel protocol (stdin, stdout, stderr, status,
 * resize) bridged to a process started from {@link io.labbench.locallab.spi.PodNetwork#execArgv}, with a
 * pty for {@code -t}.
 */
package io.labbench.locallab.kube.exec;
