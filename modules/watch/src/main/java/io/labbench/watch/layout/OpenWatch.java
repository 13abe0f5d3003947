package io.labbench.watch.layout;

import io.labbench.netparse.ParserKind;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import java.time.Duration;
import java.util.Optional;

/**
 * An open panel as saved: a ready-made watch id (or {@code custom} with its command and parser
 * {@code cliName}, empty for raw), the endpoint, the interval and whether it was paused. A side-by-side
 * tab names the second endpoint in {@code compareWith} (empty for an ordinary panel, and in files saved
 * before side-by-side tabs were kept).
 */
public record OpenWatch(String watchId, String endpoint, String command, String parser, long intervalMillis,
                        boolean paused, String compareWith) {

    public OpenWatch {
        compareWith = compareWith == null ? "" : compareWith;
    }

    public static OpenWatch of(WatchDefinition watch, boolean paused) {
        boolean custom = StudyWatches.template(watch.id()).isEmpty();
        return new OpenWatch(watch.id(), watch.endpoint(), custom ? watch.command() : "",
                custom ? watch.parser().map(ParserKind::cliName).orElse("") : "", watch.interval().toMillis(), paused, "");
    }

    /** A side-by-side tab: {@code watch} on its endpoint beside the same watch on {@code otherEndpoint}. */
    public static OpenWatch sideBySide(WatchDefinition watch, String otherEndpoint) {
        OpenWatch one = of(watch, false);
        return new OpenWatch(one.watchId(), one.endpoint(), one.command(), one.parser(), one.intervalMillis(), false,
                otherEndpoint);
    }

    public boolean showsTwoNodes() {
        return !compareWith.isBlank();
    }

    /** The watch this describes, or why it cannot be opened again. */
    public WatchDefinition toDefinition() {
        Duration interval = Duration.ofMillis(intervalMillis);
        if (intervalMillis < WatchDefinition.MIN_INTERVAL_MILLIS || intervalMillis > WatchDefinition.MAX_INTERVAL_MILLIS) {
            interval = WatchDefinition.DEFAULT_INTERVAL;
        }
        Optional<WatchDefinition> ready = StudyWatches.on(watchId, endpoint);
        if (ready.isPresent()) {
            return ready.get().withInterval(interval);
        }
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("Saved watch '" + watchId + "' on " + endpoint
                    + " is neither a ready-made watch nor a custom command");
        }
        Optional<ParserKind> kind = parser == null || parser.isBlank() ? Optional.empty() : ParserKind.fromCliName(parser);
        return WatchDefinition.custom(endpoint, command, kind, interval);
    }
}
