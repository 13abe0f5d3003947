/**
 * Test support shipped in the sessions test-jar for every module's tests: an in-JVM SSH server
 * ({@link io.labbench.sessions.testing.TestSshServer}, Apache MINA SSHD with a real pty-backed bash) and
 * OpenSSH key generation with ssh-keygen ({@link io.labbench.sessions.testing.TestKeys}).
 * Use it with {@code labbench-sessions:test-jar}, {@code org.apache.sshd:sshd-core} and (for Ed25519 client
 * keys, which MINA verifies only through an EdDSA provider) {@code org.bouncycastle:bcprov-jdk18on:1.86}
 * in test scope. {@link io.labbench.sessions.testing.TerminalProbe} reads a terminal session like the widget does.
 */
package io.labbench.sessions.testing;
