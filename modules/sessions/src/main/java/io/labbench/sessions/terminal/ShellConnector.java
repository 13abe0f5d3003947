package io.labbench.sessions.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;

/** One running shell as JediTermFX reads it; after {@link #read} returns -1, {@link #end()} says why. */
public interface ShellConnector extends TtyConnector {

    /** Only meaningful once {@code read} has returned -1; may wait briefly for the transport to settle. */
    ShellEnd end();
}
