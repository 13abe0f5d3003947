/**
 * The workbench's terminal sessions by name, without JavaFX: {@link io.labbench.app.terminals.TerminalLink}
 * is one live session (SSH, a local pty, a pod shell), {@link io.labbench.app.terminals.TerminalLinkFactory}
 * opens one by name ({@link io.labbench.app.terminals.SessionTerminalLinks} over the sessions module), and
 * {@link io.labbench.app.terminals.TerminalRegistry} holds the open ones (name → session): it opens and
 * closes them, types into them and reads their recent lines. The lab wizard types through the registry;
 * the terminal area's widgets only attach to the sessions it holds, so everything here is tested
 * without a screen.
 */
package io.labbench.app.terminals;
