package io.labbench.watch.run;

import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.sessions.CommandException;
import java.time.Duration;
import java.time.Instant;

/** How one run of a watch's command ended. */
public sealed interface WatchOutcome {

    Instant at();

    /** The command ran and exited 0; its output was read into {@code snapshot}. */
    record Refreshed(Instant at, String rawText, Snapshot snapshot, Duration elapsed, String stderr)
            implements WatchOutcome {
    }

    /** The command ran and failed: the panel shows this and keeps its last good snapshot. */
    record CommandFailed(Instant at, int exitCode, String stderr, String stdout, Duration elapsed)
            implements WatchOutcome {

        public String describe() {
            String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
            return "exited with " + exitCode + (detail.isEmpty() ? "" : ": " + detail)
                    + " — retrying every interval";
        }
    }

    /**
     * The command did not run: no connection (the panel is stale until it returns), a timeout, or a
     * channel that could not be opened.
     */
    record NotRun(Instant at, CommandException.Reason reason, String message) implements WatchOutcome {

        public boolean stale() {
            return reason == CommandException.Reason.NOT_CONNECTED;
        }

        public String describe() {
            return switch (reason) {
                case NOT_CONNECTED -> "not connected (" + message + ") — showing the last snapshot; resumes on reconnect";
                case TIMED_OUT -> "timed out (" + message + ") — retrying; a longer interval may help";
                case CHANNEL_FAILED -> "could not open a channel (" + message + ") — retrying";
                case INTERRUPTED -> "interrupted (" + message + ")";
            };
        }
    }
}
