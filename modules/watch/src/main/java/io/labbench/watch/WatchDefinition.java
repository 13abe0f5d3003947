package io.labbench.watch;

import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParserKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One watch: what to run where, how to read it and how often.
 *
 * @param id            the ready-made watch's id ({@code routes}, {@code iptables-snat-0}) or
 *                      {@code custom}
 * @param title         what the panel's tab says
 * @param endpoint      the endpoint whose shared connection runs the command ({@code worker1})
 * @param command       the command as the learner would type it
 * @param parser        how to read the output; empty shows raw text only
 * @param interval      time between refreshes, {@value #MIN_INTERVAL_MILLIS} ms to
 *                      {@value #MAX_INTERVAL_MILLIS} ms
 * @param privileged    whether the command needs root; non-root logins run it through {@code sudo -n}
 * @param zeroCounters  the iptables table/chain whose counters "zero counters" resets, if any
 * @param defaultFilter the panel's initial row filter (a regex, empty for none), e.g. {@code ens|eni}
 */
public record WatchDefinition(String id, String title, String endpoint, String command,
                              Optional<ParserKind> parser, Duration interval, boolean privileged,
                              Optional<ZeroCountersTarget> zeroCounters, String defaultFilter) {

    public static final long MIN_INTERVAL_MILLIS = 500;
    public static final long MAX_INTERVAL_MILLIS = 60_000;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    public WatchDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(zeroCounters, "zeroCounters");
        Objects.requireNonNull(defaultFilter, "defaultFilter");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A watch needs an id, e.g. 'routes' or 'custom'");
        }
        if (endpoint.isBlank()) {
            throw new IllegalArgumentException("Watch '" + id + "' needs an endpoint, e.g. worker1");
        }
        if (command.isBlank()) {
            throw new IllegalArgumentException("Watch '" + id + "' needs a command to run");
        }
        checkInterval(interval);
    }

    /** A watch the learner typed: any command, read with {@code parser} or shown raw. */
    public static WatchDefinition custom(String endpoint, String command, Optional<ParserKind> parser,
                                         Duration interval) {
        return new WatchDefinition("custom", command, endpoint, command, parser, interval, false,
                Optional.empty(), "");
    }

    /** Throws with the allowed range when {@code interval} is outside 0.5–60 s. */
    public static Duration checkInterval(Duration interval) {
        long millis = interval.toMillis();
        if (millis < MIN_INTERVAL_MILLIS || millis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("Watch interval " + millis / 1000.0
                    + " s is outside 0.5–60 s; pick a value in that range");
        }
        return interval;
    }

    public WatchDefinition withInterval(Duration newInterval) {
        return new WatchDefinition(id, title, endpoint, command, parser, newInterval, privileged,
                zeroCounters, defaultFilter);
    }

    public WatchDefinition onEndpoint(String otherEndpoint) {
        return new WatchDefinition(id, title, otherEndpoint, command, parser, interval, privileged,
                zeroCounters, defaultFilter);
    }

    /** Identifies an open panel: the same watch on another node is another panel. */
    public String panelKey() {
        return endpoint + "/" + id + ("custom".equals(id) ? "/" + command : "");
    }

    /**
     * What is sent to the endpoint. Privileged commands go through {@code sudo -n} only for non-root
     * logins: the local lab logs in as root (no sudo installed), AWS nodes as {@code ubuntu}.
     */
    public String executedCommand() {
        return privileged ? asRoot(command) : command;
    }

    /**
     * What the command tells the parser that its output does not: {@code iptables -t nat -L AWS-SNAT-CHAIN-0}
     * prints a chain without its table, and only the command says nat. Read from {@link #command()}, the
     * command as typed, not the {@code sudo} wrapper around it.
     */
    public ParseHints parseHints() {
        return ParseHints.forCommand(command);
    }

    /** {@code command} run as root: directly for root logins, through {@code sudo -n} otherwise. */
    public static String asRoot(String command) {
        String quoted = "'" + command.replace("'", "'\\''") + "'";
        return "if [ \"$(id -u)\" = 0 ]; then sh -c " + quoted + "; else sudo -n sh -c " + quoted + "; fi";
    }
}
