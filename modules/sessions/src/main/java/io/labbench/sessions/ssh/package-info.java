/**
 * SSH with JSch: one shared, authenticated connection per endpoint (jumping through another endpoint's
 * connection when asked, without copying keys to the bastion), OpenSSH key files and ssh-agent,
 * {@code ~/.ssh/config}, and known_hosts checking. Commands run through a small command runner kept on the
 * node in one exec channel ({@link io.labbench.sessions.ssh.NodeCommandRunner}, {@code node-runner.pl} on {@link io.labbench.sessions.forkserver.ForkServer}), or in
 * an exec channel each when the node cannot run it. The UI answers host-key and passphrase questions
 * through {@link io.labbench.sessions.ssh.HostKeyVerifier} and {@link io.labbench.sessions.ssh.PassphrasePrompt}.
 */
package io.labbench.sessions.ssh;
