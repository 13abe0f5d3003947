package io.labbench.app.terminals;

import com.techsenger.jeditermfx.core.TtyConnector;
import io.labbench.sessions.ConnectionState;
import java.util.List;

/**
 * The live connection behind one terminal pane, as the terminal area needs it. The {@link #connector()}
 * stays the same across reconnects so the widget keeps its scrollback.
 */
public interface TerminalLink {

    /** What the widget reads from and writes to. */
    TtyConnector connector();

    /** A short description of the other end for the pane header, e.g. {@code local shell}. */
    String target();

    /**
     * The machine's addresses for the pane header ({@code 172.30.46.72 / 198.51.100.72}: VPC and public
     * IP), kept whole where the target gives way; empty when the other end is no lab machine.
     */
    default String addresses() {
        return "";
    }

    /** True once the session is over (the shell exited or the pane closed it); Reconnect then starts a new one. */
    boolean ended();

    /** Where the transcript is written, if anywhere. */
    java.util.Optional<java.nio.file.Path> transcriptFile();

    /** Tries again now (the banner's Reconnect button). Never blocks the caller. */
    void reconnect();

    /** The last lines of this terminal's transcript: ANSI stripped, secrets masked. */
    List<String> recentLines(int maxLines);

    /** Ends the session (window closing or pane closed). */
    void close();

    /** Told about state changes; may be called on any thread. */
    @FunctionalInterface
    interface StateListener {
        void stateChanged(ConnectionState state, String message);
    }
}
