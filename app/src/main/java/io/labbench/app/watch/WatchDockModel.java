package io.labbench.app.watch;

import io.labbench.app.shell.WatchDirectory;
import io.labbench.watch.StudyWatches;
import io.labbench.watch.WatchDefinition;
import io.labbench.watch.layout.DockLayout;
import io.labbench.watch.layout.DockPane;
import io.labbench.watch.layout.OpenWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The watch dock's state: panes side by side (or stacked), each with its watches in tabs, which pane
 * has the focus, watches popped out into their own windows, what the current lab step offers to
 * watch, and whether the dock has taken the terminal area's place. Everything is read-only from
 * outside and changes only through the commands here ({@link #open}, {@link #focus}, {@link #move},
 * {@link #close}, {@link #split}, …), so the view binds and tests drive it without a screen. It
 * produces the {@link DockLayout} that is saved, and {@link #revisionProperty()} goes up whenever that
 * layout would change. Use it on one thread (the JavaFX thread in the app).
 */
public final class WatchDockModel implements AutoCloseable {

    /** Makes the view-model of one watch (the app's runs its commands over the workspace's sessions). */
    @FunctionalInterface
    public interface PanelFactory {
        WatchPanelViewModel create(WatchDefinition watch);
    }

    /** A watch the current lab step uses, offered in the dock with its title; {@code open} when it is. */
    public record Offer(String watchId, String endpoint, String title, boolean open) {
    }

    private final PanelFactory panels;
    private final ObservableList<DockPaneModel> panes = FXCollections.observableArrayList();
    private final ObservableList<DockPaneModel> panesView = FXCollections.unmodifiableObservableList(panes);
    private final ObservableList<DockedWatch> floating = FXCollections.observableArrayList();
    private final ObservableList<DockedWatch> floatingView = FXCollections.unmodifiableObservableList(floating);
    private final ObservableList<Offer> offers = FXCollections.observableArrayList();
    private final ObservableList<Offer> offersView = FXCollections.unmodifiableObservableList(offers);
    private final ReadOnlyObjectWrapper<DockPaneModel> focusedPane = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper vertical = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper inCentre = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private List<WatchDirectory.Suggestion> suggested = List.of();
    private List<Double> dividers = List.of();

    public WatchDockModel(PanelFactory panels) {
        this.panels = panels;
    }

    // ---- state the view binds to

    public ObservableList<DockPaneModel> panes() {
        return panesView;
    }

    /** Watches shown in a window of their own; they return to the dock when it closes. */
    public ObservableList<DockedWatch> floating() {
        return floatingView;
    }

    /** The watches the current lab step uses, for one-click opening. */
    public ObservableList<Offer> offers() {
        return offersView;
    }

    /** Where a newly opened watch goes. */
    public ReadOnlyObjectProperty<DockPaneModel> focusedPaneProperty() {
        return focusedPane.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty verticalProperty() {
        return vertical.getReadOnlyProperty();
    }

    /** True while the dock takes the terminal area's place in the window (wide tables). */
    public ReadOnlyBooleanProperty inCentreProperty() {
        return inCentre.getReadOnlyProperty();
    }

    /** The last thing the learner should know (a watch that could not open, a layout problem). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Goes up whenever the saved layout would change (the dock saves a moment later). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public boolean isEmpty() {
        return panes.isEmpty() && floating.isEmpty();
    }

    /** Every watch open now, docked in pane and tab order, then the popped-out ones. */
    public List<DockedWatch> watches() {
        return Stream.concat(panes.stream().flatMap(p -> p.watches().stream()), floating.stream()).toList();
    }

    /** The single-node panels open now, in dock order (for tests and the lab wizard's checks). */
    public List<WatchPanelViewModel> openPanels() {
        return watches().stream().filter(DockedWatch.Panel.class::isInstance)
                .map(w -> ((DockedWatch.Panel) w).panel()).toList();
    }

    /** The side-by-side comparisons open now, in dock order. */
    public List<DockedWatch.Compare> comparisons() {
        return watches().stream().filter(DockedWatch.Compare.class::isInstance).map(DockedWatch.Compare.class::cast).toList();
    }

    /** The open panel of ready-made watch {@code watchId} (or an alias of it) on {@code endpoint}. */
    public Optional<WatchPanelViewModel> panel(String watchId, String endpoint) {
        Optional<String> key = StudyWatches.on(watchId, endpoint).map(WatchDefinition::panelKey);
        return key.flatMap(k -> openPanels().stream().filter(p -> p.definition().panelKey().equals(k)).findFirst());
    }

    public Optional<DockPaneModel> paneOf(DockedWatch watch) {
        return panes.stream().filter(p -> p.contains(watch)).findFirst();
    }

    // ---- commands

    /** Opens the ready-made watch {@code watchId} on {@code endpoint}, or focuses it if open. */
    public Optional<DockedWatch> open(String watchId, String endpoint) {
        Optional<WatchDefinition> watch = StudyWatches.on(watchId, endpoint);
        if (watch.isEmpty()) {
            say("No ready-made watch '" + watchId + "'; known: "
                    + String.join(", ", StudyWatches.templates().stream().map(StudyWatches.Template::id).toList()));
            return Optional.empty();
        }
        return Optional.of(open(watch.get()));
    }

    /** Opens {@code watch} in the focused pane, or focuses the tab that already shows it on that node. */
    public DockedWatch open(WatchDefinition watch) {
        Optional<DockedWatch> existing = find(watch.panelKey());
        if (existing.isPresent()) {
            focus(existing.get());
            return existing.get();
        }
        DockedWatch.Panel panel = new DockedWatch.Panel(panels.create(watch));
        follow(panel.panel());
        place(panel, targetPane());
        panel.start(false);
        changed();
        return panel;
    }

    /** Opens a tab showing {@code watch} on its node and on {@code otherEndpoint}, rows aligned. */
    public DockedWatch.Compare openSideBySide(WatchDefinition watch, String otherEndpoint) {
        Optional<DockedWatch> existing = find(watch.panelKey() + "|" + otherEndpoint);
        if (existing.isPresent()) {
            focus(existing.get());
            return (DockedWatch.Compare) existing.get();
        }
        DockedWatch.Compare compare = new DockedWatch.Compare(panels.create(watch),
                panels.create(watch.onEndpoint(otherEndpoint)));
        place(compare, panes.isEmpty() ? addPane() : panes.get(panes.size() - 1));
        compare.start(false);
        changed();
        return compare;
    }

    /** Shows {@code watch}'s tab and makes its pane the focused one (a popped-out watch stays in its window). */
    public void focus(DockedWatch watch) {
        paneOf(watch).ifPresent(pane -> {
            pane.select(watch);
            focusedPane.set(pane);
            changed();
        });
    }

    /** The learner clicked into {@code pane}: new watches open there. */
    public void focusPane(DockPaneModel pane) {
        if (panes.contains(pane)) {
            focusedPane.set(pane);
        }
    }

    /** Moves {@code watch} into {@code to} (a pane left empty goes away). */
    public void move(DockedWatch watch, DockPaneModel to) {
        Optional<DockPaneModel> from = paneOf(watch);
        if (from.isEmpty() || from.get() == to || !panes.contains(to)) {
            return;
        }
        from.get().remove(watch);
        place(watch, to);
        removeIfEmpty(from.get());
        changed();
    }

    /** Moves {@code watch} into a new pane after the last one. */
    public void split(DockedWatch watch) {
        Optional<DockPaneModel> from = paneOf(watch);
        if (from.isEmpty()) {
            return;
        }
        if (from.get().watches().size() == 1 && panes.size() == 1) {
            say("That watch is the dock's only tab; open another one to put beside it");
            return;
        }
        DockPaneModel to = addPane();
        from.get().remove(watch);
        place(watch, to);
        removeIfEmpty(from.get());
        changed();
    }

    /** Moves the shown tab of the focused pane into a new pane. */
    public void splitSelected() {
        DockPaneModel from = focusedPane.get() != null ? focusedPane.get() : panes.isEmpty() ? null : panes.get(0);
        if (from == null || from.selected() == null) {
            say("Open a watch first, then split it into its own pane");
            return;
        }
        DockedWatch watch = from.selected();
        DockPaneModel to = addPane();
        from.remove(watch);
        place(watch, to);
        removeIfEmpty(from);
        changed();
    }

    /** Moves {@code watch} into the pane after its own (the first after the last). */
    public void moveToNextPane(DockedWatch watch) {
        paneOf(watch).ifPresent(from -> {
            if (panes.size() > 1) {
                move(watch, panes.get((panes.indexOf(from) + 1) % panes.size()));
            }
        });
    }

    /** Stops {@code watch} and takes its tab (or window) away. */
    public void close(DockedWatch watch) {
        Optional<DockPaneModel> pane = paneOf(watch);
        boolean wasFloating = floating.remove(watch);
        if (pane.isEmpty() && !wasFloating) {
            return;
        }
        pane.ifPresent(p -> {
            p.remove(watch);
            removeIfEmpty(p);
        });
        watch.close();
        changed();
    }

    /** Shows {@code watch} in a window of its own (wide tables); closing that window docks it again. */
    public void popOut(DockedWatch watch) {
        paneOf(watch).ifPresent(pane -> {
            pane.remove(watch);
            removeIfEmpty(pane);
            floating.add(watch);
            changed();
        });
    }

    /** Puts a popped-out watch back into the focused (or last) pane. */
    public void dockBack(DockedWatch watch) {
        if (floating.remove(watch)) {
            place(watch, targetPane());
            changed();
        }
    }

    public void setVertical(boolean value) {
        vertical.set(value);
        changed();
    }

    public void toggleOrientation() {
        setVertical(!vertical.get());
    }

    /** The dock takes the terminal area's place (or gives it back). */
    public void toggleInCentre() {
        inCentre.set(!inCentre.get());
    }

    /** Where the view's dividers are now (fractions); kept for the saved layout. */
    public void rememberDividers(List<Double> positions) {
        if (!positions.equals(dividers)) {
            dividers = List.copyOf(positions);
            changed();
        }
    }

    public List<Double> dividers() {
        return dividers;
    }

    /** What the lab step on screen watches; offered in the dock for one click. */
    public void offer(List<WatchDirectory.Suggestion> suggestions) {
        suggested = List.copyOf(suggestions);
        refreshOffers();
    }

    public void say(String message) {
        notice.set(message);
    }

    // ---- the saved layout

    /** What would be saved now; popped-out watches are saved in the last pane, so they come back docked. */
    public DockLayout layout() {
        List<DockPane> saved = new ArrayList<>();
        for (DockPaneModel pane : panes) {
            saved.add(new DockPane(pane.watches().stream().map(DockedWatch::saved).toList(), pane.selectedIndex()));
        }
        if (!floating.isEmpty()) {
            List<OpenWatch> last = new ArrayList<>(saved.isEmpty() ? List.of() : saved.remove(saved.size() - 1).tabs());
            int selected = saved.size() < panes.size() ? panes.get(panes.size() - 1).selectedIndex() : 0;
            floating.forEach(w -> last.add(w.saved()));
            saved.add(new DockPane(last, selected));
        }
        return new DockLayout(DockLayout.CURRENT_VERSION, vertical.get(), saved, dividers);
    }

    /** Opens what {@code layout} describes (after what is open); a watch that cannot open is skipped with a notice. */
    public void restore(DockLayout layout) {
        vertical.set(layout.vertical());
        for (DockPane saved : layout.panes()) {
            DockPaneModel pane = addPane();
            for (OpenWatch open : saved.tabs()) {
                try {
                    WatchDefinition watch = open.toDefinition();
                    DockedWatch docked = open.showsTwoNodes()
                            ? new DockedWatch.Compare(panels.create(watch), panels.create(watch.onEndpoint(open.compareWith())))
                            : new DockedWatch.Panel(panels.create(watch));
                    if (docked instanceof DockedWatch.Panel panel) {
                        follow(panel.panel());
                    }
                    pane.add(docked);
                    docked.start(open.paused());
                } catch (IllegalArgumentException e) {
                    say("Skipped a saved watch: " + e.getMessage());
                }
            }
            if (pane.watches().isEmpty()) {
                panes.remove(pane);
            } else {
                pane.select(pane.watches().get(Math.min(Math.max(0, saved.selected()), pane.watches().size() - 1)));
            }
        }
        focusedPane.set(panes.isEmpty() ? null : panes.get(panes.size() - 1));
        dividers = layout.dividers();
        refreshOffers();
    }

    /** Stops every watch. */
    @Override
    public void close() {
        watches().forEach(DockedWatch::close);
    }

    // ---- plumbing

    private Optional<DockedWatch> find(String key) {
        return watches().stream().filter(w -> w.key().equals(key)).findFirst();
    }

    private DockPaneModel targetPane() {
        DockPaneModel focused = focusedPane.get();
        if (focused != null && panes.contains(focused)) {
            return focused;
        }
        return panes.isEmpty() ? addPane() : panes.get(panes.size() - 1);
    }

    private DockPaneModel addPane() {
        DockPaneModel pane = new DockPaneModel();
        panes.add(pane);
        focusedPane.set(pane);
        return pane;
    }

    private void place(DockedWatch watch, DockPaneModel pane) {
        pane.add(watch);
        pane.select(watch);
        focusedPane.set(pane);
    }

    private void removeIfEmpty(DockPaneModel pane) {
        if (pane.watches().isEmpty()) {
            panes.remove(pane);
            if (focusedPane.get() == pane) {
                focusedPane.set(panes.isEmpty() ? null : panes.get(panes.size() - 1));
            }
        }
    }

    /** A paused or re-timed panel changes the saved layout too. */
    private void follow(WatchPanelViewModel panel) {
        panel.pausedProperty().addListener((obs, was, now) -> changed());
        panel.intervalProperty().addListener((obs, was, now) -> changed());
    }

    private void changed() {
        revision.set(revision.get() + 1);
        refreshOffers();
    }

    private void refreshOffers() {
        List<Offer> now = suggested.stream().map(s -> new Offer(s.watchId(), s.endpoint(),
                StudyWatches.template(s.watchId()).map(StudyWatches.Template::title).orElse(s.watchId()),
                panel(s.watchId(), s.endpoint()).isPresent())).distinct().toList();
        if (!now.equals(offers)) {
            offers.setAll(now);
        }
    }
}
