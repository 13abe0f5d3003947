/**
 * The terminal area on screen: JediTermFX widgets in a 2x2 grid plus tabs, their view-models (focus,
 * maximise, rearrange, broadcast group) and the broadcast fan-out of typed input. The sessions behind
 * the panes live in {@link io.labbench.app.terminals.TerminalRegistry} (no JavaFX): the area's
 * view-model opens and closes them there, and each pane's widget attaches to the session its
 * view-model holds. Each pane's widget parses its shell's output with JediTermFX's emulator behind a
 * lean front end ({@link io.labbench.app.ui.terminal.FastPathEmulator}, which takes runs of printable characters
 * straight from the data stream's buffer: {@link io.labbench.app.ui.terminal.TtyRunStream}) and keeps its lines in the
 * library's model with its slow paths bypassed ({@link io.labbench.app.ui.terminal.PaneTerminal}).
 */
package io.labbench.app.ui.terminal;
