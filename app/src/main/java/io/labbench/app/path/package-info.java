/**
 * The Path view: pick a flow, see the hops the kernel and the VPC take with their rewrites and live
 * counters (module {@code packetpath} resolves them; this package only reads the running lab through a
 * {@link io.labbench.app.path.PathSource}, holds the view state in
 * {@link io.labbench.app.path.PathViewModel} and draws it in {@link io.labbench.app.path.PathView}).
 */
package io.labbench.app.path;
