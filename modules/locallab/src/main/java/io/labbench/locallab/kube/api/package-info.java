/**
 * The HTTP face and the storage of the local API server: request routing, discovery documents, the
 * indexed {@link io.labbench.locallab.kube.api.Store} with resourceVersions and its change log for
 * watches, the per-kind {@link io.labbench.locallab.kube.api.KindStrategy} contract and its registry,
 * server-side tables, strategic-merge patching and selectors.
 */
package io.labbench.locallab.kube.api;
