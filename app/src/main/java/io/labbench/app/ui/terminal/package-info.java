/**
 * The terminal area: JediTermFX widgets in a 2x2 grid plus tabs, their view-models (focus, maximise,
 * rearrange, broadcast group), the broadcast fan-out of typed input, and the {@code TerminalDirectory}
 * the lab wizard types through. Connections come from a {@link io.labbench.app.ui.terminal.TerminalLinkFactory}
 * backed by the sessions module.
 */
package io.labbench.app.ui.terminal;
