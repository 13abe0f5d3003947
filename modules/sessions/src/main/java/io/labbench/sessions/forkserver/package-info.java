/**
 * The fork server both command runners kept next to commands share: a small Perl process that runs each
 * command it is sent in a child forked ahead of time and talks in frames over its stdin and stdout. The
 * SSH node runner ({@code io.labbench.sessions.ssh.NodeRunner}) and the local lab's exec helper
 * ({@code io.labbench.locallab.ssh.NodeExecHelper}) each add their own part: how a command is started in
 * the child and how its end is reported. Here are the shared Perl part and the frame's layout.
 */
package io.labbench.sessions.forkserver;
