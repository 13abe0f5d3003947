/**
 * Interactive shells behind JediTermFX's {@code TtyConnector}: one {@link io.labbench.sessions.terminal.ShellConnector}
 * per running shell (a local pty or an SSH shell channel), and the pieces
 * {@link io.labbench.sessions.TerminalSession} uses to replace a dropped shell with a new one while the pane
 * keeps its scrollback.
 */
package io.labbench.sessions.terminal;
