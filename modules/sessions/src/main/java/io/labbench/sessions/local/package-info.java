/**
 * Local shells: interactive ones in a pty (pty4j) for terminals, and {@code bash -lc} processes behind
 * {@link io.labbench.sessions.CommandRunner} for local-shell endpoints.
 */
package io.labbench.sessions.local;
