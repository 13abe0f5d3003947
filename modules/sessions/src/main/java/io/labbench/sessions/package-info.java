/**
 * Sessions: how LabBench reaches an endpoint. An {@link io.labbench.sessions.Endpoint} names a node
 * (local shell or SSH host, possibly behind a jump host); a shared connection per endpoint carries the
 * interactive terminal and any number of non-interactive exec channels behind
 * {@link io.labbench.sessions.CommandRunner}. Workspaces, transcripts and secret masking live here too.
 * This module knows SSH (JSch) and ptys (pty4j) but nothing of JavaFX.
 */
package io.labbench.sessions;
