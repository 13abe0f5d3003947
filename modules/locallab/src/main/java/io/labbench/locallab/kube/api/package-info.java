/**
 * The HTTP face of the local API server: request routing, discovery documents, server-side table
 * rendering, admission defaults, strategic-merge patching and selectors, all over the fabric8 mock
 * server's CRUD store.
 */
package io.labbench.locallab.kube.api;
