package io.labbench.sessions.terminal;

/** Why a shell's output ended. */
public sealed interface ShellEnd {

    /** The shell exited (the user typed {@code exit}, or the remote closed it): do not reconnect. */
    record Exited(int exitCode, String description) implements ShellEnd {
    }

    /** The connection under the shell went away: reconnect and start a new shell. */
    record Dropped(String reason) implements ShellEnd {
    }
}
