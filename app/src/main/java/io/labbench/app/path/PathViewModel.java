package io.labbench.app.path;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.packetpath.CounterId;
import io.labbench.packetpath.Hop;
import io.labbench.packetpath.PacketPath;
import io.labbench.packetpath.live.CounterReading;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Path view's state: the flow the learner picked, the resolved hops with their live counters, the
 * notes, and what is going on. Tracing and counter reads run on {@code background}; results are set on
 * {@code ui} (the JavaFX thread in the app, the caller's in tests). While {@link #liveProperty()} is on,
 * the counters of the path's machines are re-read every {@code interval} (the watches' 1 s), at most one
 * read in flight, and each hop's rise since the previous read is its {@link HopRow#delta()}.
 */
public final class PathViewModel implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Optional<PathSource>> sources;
    private final TerminalDirectory terminals;
    private final WatchDirectory watches;
    private final EvidenceSink evidence;
    private final Executor background;
    private final Executor ui;
    private final ScheduledExecutorService ticker;
    private final Duration interval;

    private final StringProperty from = new SimpleStringProperty(this, "from", "");
    private final StringProperty to = new SimpleStringProperty(this, "to", "");
    private final StringProperty protocol = new SimpleStringProperty(this, "protocol", "");
    private final ObservableList<String> places = FXCollections.observableArrayList();
    private final ObservableList<HopRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObjectProperty<Optional<PacketPath>> path = new SimpleObjectProperty<>(this, "path", Optional.empty());
    private final StringProperty message = new SimpleStringProperty(this, "message", "Pick a flow: from a pod or node to a pod,"
            + " node, address, svc/NAME or a name, then Trace.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", false);
    private final LongProperty lastRefreshMillis = new SimpleLongProperty(this, "lastRefreshMillis", 0);
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private CounterReading baseline = new CounterReading(Map.of());
    private CounterReading previous = new CounterReading(Map.of());
    private ScheduledFuture<?> tick;

    public PathViewModel(Supplier<Optional<PathSource>> sources, TerminalDirectory terminals, WatchDirectory watches,
                         EvidenceSink evidence, Executor background, Executor ui, ScheduledExecutorService ticker,
                         Duration interval) {
        this.sources = sources;
        this.terminals = terminals;
        this.watches = watches;
        this.evidence = evidence;
        this.background = background;
        this.ui = ui;
        this.ticker = ticker;
        this.interval = interval;
        live.addListener((o, was, now) -> {
            if (now) {
                startTicking();
            } else {
                stopTicking();
            }
        });
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** {@code icmp}, {@code tcp}, {@code udp}, or empty for ICMP / the Service's own. */
    public StringProperty protocolProperty() {
        return protocol;
    }

    public ObservableList<String> places() {
        return places;
    }

    public ObservableList<HopRow> rows() {
        return rows;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public ReadOnlyObjectProperty<Optional<PacketPath>> pathProperty() {
        return path;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** On: counters refresh every interval. */
    public BooleanProperty liveProperty() {
        return live;
    }

    /** How long the last counter refresh took, from asking to having the rows. */
    public ReadOnlyLongProperty lastRefreshMillisProperty() {
        return lastRefreshMillis;
    }

    /** Fills {@link #places()} from the running lab. */
    public CompletableFuture<Void> loadPlaces() {
        return onBackground(() -> source().places(), list -> places.setAll(list));
    }

    /** Resolves the picked flow and reads its counters as the baseline. */
    public CompletableFuture<Void> trace() {
        String f = from.get().strip();
        String t = to.get().strip();
        if (f.isEmpty() || t.isEmpty()) {
            message.set("Name both ends of the flow: from (a pod or node) and to.");
            return CompletableFuture.completedFuture(null);
        }
        String proto = protocol.get() == null ? "" : protocol.get();
        busy.set(true);
        message.set("Tracing " + f + " → " + t + " …");
        return onBackground(() -> {
            PathSource s = source();
            PacketPath p = s.resolve(f, t, proto, 0);
            CounterReading reading = s.counters(Set.copyOf(p.machines()));
            return new Traced(p, reading);
        }, traced -> {
            baseline = traced.reading();
            previous = traced.reading();
            path.set(Optional.of(traced.path()));
            rows.setAll(rows(traced.path(), traced.reading(), traced.reading(), traced.reading()));
            notes.setAll(traced.path().notes());
            message.set(traced.path().flow().label() + ": " + traced.path().outcome().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ", " + traced.path().hops().size() + " hops, " + traced.path().counters().size()
                    + " counters. Ping or curl now: hops whose counters rise light up.");
        });
    }

    private record Traced(PacketPath path, CounterReading reading) {
    }

    /** Re-reads the path's counters once; a call while one runs is skipped (returns at once). */
    public CompletableFuture<Void> refreshCounters() {
        Optional<PacketPath> p = path.get();
        if (p.isEmpty() || !refreshing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        long start = System.nanoTime();
        return onBackground(() -> source().counters(Set.copyOf(p.get().machines())), reading -> {
            rows.setAll(rows(p.get(), reading, previous, baseline));
            previous = reading;
            lastRefreshMillis.set((System.nanoTime() - start) / 1_000_000);
        }).whenComplete((v, e) -> refreshing.set(false));
    }

    /** The rows of {@code path} with counters from {@code now}, deltas against {@code before} and {@code traced}. */
    static List<HopRow> rows(PacketPath path, CounterReading now, CounterReading before, CounterReading traced) {
        List<HopRow> out = new ArrayList<>();
        Map<CounterId, Long> rise = now.rises(before);
        Map<CounterId, Long> sinceTraced = now.rises(traced);
        Set<CounterId> seen = new HashSet<>();
        int n = 0;
        for (Hop h : path.hops()) {
            n++;
            OptionalLong packets = h.counter().map(now::packets).orElse(OptionalLong.empty());
            if (h.counter().isPresent() && packets.isEmpty()) {
                packets = h.packets();
            }
            // a counter named twice (e.g. a rule both ways) lights up once, on its first hop
            boolean first = h.counter().map(seen::add).orElse(false);
            long d = first ? h.counter().map(c -> rise.getOrDefault(c, 0L)).orElse(0L) : 0L;
            long s = h.counter().map(c -> sinceTraced.getOrDefault(c, 0L)).orElse(0L);
            out.add(new HopRow(n, h, packets, d, s));
        }
        return out;
    }

    /** Opens the hop's watch panel, or types its command into the right terminal. */
    public void open(HopRow row) {
        Optional<HopAction> action = HopAction.of(row.hop());
        if (action.isEmpty()) {
            message.set("Nothing to open for " + row.hop().object() + ": it is not on a machine LabBench has a terminal for.");
            return;
        }
        if (action.get() instanceof HopAction.OpenWatch w) {
            watches.openWatch(w.watchId(), w.endpoint());
            message.set("Opened the " + w.watchId() + " watch on " + w.endpoint() + ".");
        } else if (action.get() instanceof HopAction.RunCommand r) {
            terminals.type(r.terminal(), r.command(), true);
            message.set("Ran '" + r.command() + "' in " + r.terminal() + ".");
        }
    }

    /** The SVG picture of the path as it shows now. */
    public Optional<String> svg() {
        return path.get().map(p -> PathSvg.render(p, List.copyOf(rows)));
    }

    /**
     * Writes the picture (PNG from the view, SVG from {@link #svg()}) to the workspace's {@code evidence/}
     * folder and adds the PNG to the lab notebook; completes with the PNG's path. Call on the UI thread: what
     * is exported (the path, its counters, the SVG, the notebook step) is fixed here, before anything runs in
     * the background; the PNG encoding and the writes run on the background executor.
     */
    public CompletableFuture<Path> exportPicture(PngSource png) {
        Optional<PacketPath> p = path.get();
        Optional<String> svg = svg();
        if (p.isEmpty() || svg.isEmpty()) {
            message.set("Trace a flow first; then export its picture.");
            return CompletableFuture.failedFuture(new IllegalStateException("no path"));
        }
        String title = "packet path " + p.get().flow().label();
        EvidenceSink.Destination destination = evidence.destination();
        String base = "path-" + Instant.now().toEpochMilli();
        CompletableFuture<Path> result = new CompletableFuture<>();
        message.set("Exporting the picture…");
        onBackground(() -> {
            Path folder = destination.workspaceDir().resolve("evidence");
            // evidence is the workspace's own: written whole, as the lab pane's evidence is
            AtomicFileWriter.write(folder.resolve(base + ".png"), png.encode());
            AtomicFileWriter.writeString(folder.resolve(base + ".svg"), svg.get());
            String where = destination.addImage(title, "evidence/" + base + ".png");
            return new Exported(folder.resolve(base + ".png"), where);
        }, exported -> {
            message.set("Saved " + exported.png() + " and its .svg; " + exported.where() + ".");
            result.complete(exported.png());
        }).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private record Exported(Path png, String where) {
    }

    private PathSource source() throws IOException {
        return sources.get().orElseThrow(() -> new IOException("the local lab is not running: start it (Lab menu or"
                + " 'labbench lab up'), then trace again"));
    }

    private void startTicking() {
        stopTicking();
        tick = ticker.scheduleWithFixedDelay(this::refreshCounters, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopTicking() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    @Override
    public void close() {
        stopTicking();
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private <T> CompletableFuture<Void> onBackground(Work<T> work, java.util.function.Consumer<T> then) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.execute(() -> {
            T value;
            try {
                value = work.run();
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set(e.getMessage() == null ? e.toString() : e.getMessage());
                    done.completeExceptionally(e);
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                try {
                    then.accept(value);
                    done.complete(null);
                } catch (RuntimeException e) {
                    message.set(e.toString());
                    done.completeExceptionally(e);
                }
            });
        });
        return done;
    }
}
