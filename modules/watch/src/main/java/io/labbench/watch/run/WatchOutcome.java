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
     * The run gave no answer within its {@link RunDeadline} and was abandoned: its thread was
     * interrupted (which closes the channel or kills the process) and anything it reports later is
     * dropped. The panel shows this like a failed command, keeps its last good snapshot, and the next
     * run follows at the usual pace.
     */
    record Abandoned(Instant at, Duration deadline, String command) implements WatchOutcome {

        public String describe() {
            return "no exit code: `" + command + "` gave no answer within " + seconds(deadline)
                    + " and was abandoned — the next run follows";
        }

        private static String seconds(Duration d) {
            long millis = d.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
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
                // the message says what the connection is doing ("worker1: reconnecting… (connection lost; …)")
                case NOT_CONNECTED -> message + " — showing the last snapshot; resumes on reconnect";
                case TIMED_OUT -> "timed out (" + message + ") — retrying; a longer interval may help";
                case CHANNEL_FAILED -> "could not open a channel (" + message + ") — retrying";
                case INTERRUPTED -> "interrupted (" + message + ")";
            };
        }
    }
}
