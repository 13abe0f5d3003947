package io.labbench.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.labbench.app.cli.VersionProvider;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.terminals.TerminalRegistry;
import io.labbench.app.ui.settings.ThemeMode;
import io.labbench.app.ui.settings.UiSettings;
import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.ui.settings.WindowGeometry;
import io.labbench.app.ui.shortcuts.Shortcut;
import io.labbench.app.ui.shortcuts.ShortcutsDialog;
import io.labbench.app.ui.startup.StartupProbe;
import io.labbench.app.ui.status.StatusBarView;
import io.labbench.app.ui.terminal.TerminalAreaView;
import io.labbench.app.ui.terminal.TerminalAreaViewModel;
import io.labbench.app.terminals.TerminalLinkFactory;
import io.labbench.app.ui.terminal.TerminalSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuBar;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The composition root: builds the main window's parts and wires them. Other parts plug in here:
 * {@link #setLabPane} (left), {@link #setWatchDock} (right), {@link #terminals()} for the lab wizard,
 * {@link #statusBar()} for notices. Everything here runs on the JavaFX thread.
 */
public final class Workbench {

    private static final double ZOOM_STEP = 1;

    private final Stage stage;
    private final UiSettingsStore settingsStore;
    private UiSettings settings;
    private final TerminalSettings terminalSettings;
    private final TerminalAreaViewModel area;
    private final TerminalAreaView terminalView;
    private final StatusBarView statusBar;
    private final MainWindowView window;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "labbench-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final Scene scene;
    private final MenuBar menuBar;
    private final EndpointEditing endpointEditing;
    private Runnable afterClose = () -> { };
    private final List<Runnable> shutdownHooks = new java.util.ArrayList<>();
    private final List<CloseGuard> closeGuards = new java.util.ArrayList<>();
    /** Set on the JavaFX thread when the window closes; read by the JVM's shutdown hook on another thread. */
    private volatile boolean closed;
    private String workspace = "";

    /**
     * @param links        opens terminals by name (local shells, SSH, later the local lab)
     * @param defaultGrid  the four names the grid shows when nothing was saved
     * @param endpointEditing what Edit > Endpoints edits and saves
     */
    public Workbench(Stage stage, UiSettingsStore settingsStore, TerminalLinkFactory links, List<String> defaultGrid,
                     EndpointEditing endpointEditing) {
        this(stage, settingsStore, settingsStore.tryLoad(), links, defaultGrid, endpointEditing);
    }

    /** @param loaded what {@code settingsStore} read (the launcher reads it while the toolkit starts) */
    public Workbench(Stage stage, UiSettingsStore settingsStore, UiSettingsStore.LoadOutcome loaded, TerminalLinkFactory links,
                     List<String> defaultGrid, EndpointEditing endpointEditing) {
        this.stage = stage;
        this.settingsStore = settingsStore;
        this.endpointEditing = endpointEditing;
        this.settings = loaded.result();
        useThemeStylesheet(settings.theme());
        this.terminalSettings = new TerminalSettings(settings.terminalFontSize(), settings.theme() == ThemeMode.DARK);

        area = new TerminalAreaViewModel(new TerminalRegistry(links, background), javafx.application.Platform::runLater);
        terminalView = new TerminalAreaView(area, terminalSettings);
        statusBar = new StatusBarView(area);
        loaded.problem().ifPresent(statusBar::showMessage);

        menuBar = new MainMenu(actions()).build(this::quit, this::about);
        MenuBar menu = menuBar;
        window = new MainWindowView(menu, terminalView, statusBar);
        WindowGeometry geometry = fitToScreen(settings.window());
        scene = new Scene(window, geometry.width(), geometry.height());
        scene.getStylesheets().add(Objects.requireNonNull(
                Workbench.class.getResource("/io/labbench/app/ui/labbench.css")).toExternalForm());
        new MainMenu(actions()).install(scene);
        // The stylesheet is in place since the first control; the window and terminals follow it now.
        followTheme(settings.theme());

        stage.setTitle("LabBench " + VersionProvider.version());
        stage.getIcons().add(new Image(Objects.requireNonNull(
                Workbench.class.getResourceAsStream("/io/labbench/app/ui/labbench-icon.png"))));
        stage.setScene(scene);
        if (geometry.hasPosition()) {
            stage.setX(geometry.x());
            stage.setY(geometry.y());
        }
        stage.setMaximized(geometry.maximized());
        window.setDividerPositions(splitsFor(geometry.width()));

        openTerminals(defaultGrid);
    }

    /**
     * A window saved on a bigger screen (or a hand-edited size) must still fit on this one; with nothing
     * saved the window fills the screen, because the guide, four terminals and the watch dock need it.
     */
    static WindowGeometry fitToScreen(WindowGeometry saved) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (saved.equals(WindowGeometry.DEFAULT)) {
            // No position: the stage centres itself, which a window the size of the screen fills.
            return new WindowGeometry(Double.NaN, Double.NaN, screen.getWidth(), screen.getHeight(), false);
        }
        double width = Math.min(saved.width(), screen.getWidth());
        double height = Math.min(saved.height(), screen.getHeight());
        boolean onScreen = saved.hasPosition()
                && javafx.stage.Screen.getScreensForRectangle(saved.x(), saved.y(), width, height).size() > 0;
        return new WindowGeometry(onScreen ? saved.x() : Double.NaN, onScreen ? saved.y() : Double.NaN,
                width, height, saved.maximized());
    }

    private void openTerminals(List<String> defaultGrid) {
        List<String> saved = settings.openTerminals();
        // The grid always shows the workspace's nodes; tabs come back as they were.
        defaultGrid.stream().limit(TerminalAreaViewModel.GRID_SIZE).forEach(area::open);
        saved.stream().filter(name -> !defaultGrid.contains(name)).forEach(area::open);
    }

    private Map<Shortcut, Runnable> actions() {
        Map<Shortcut, Runnable> actions = new EnumMap<>(Shortcut.class);
        actions.put(Shortcut.NEXT_TERMINAL, area::focusNext);
        actions.put(Shortcut.PREVIOUS_TERMINAL, area::focusPrevious);
        actions.put(Shortcut.MAXIMIZE_TERMINAL, area::toggleMaximize);
        actions.put(Shortcut.NEW_TERMINAL, this::newTerminal);
        actions.put(Shortcut.FIND_IN_SCROLLBACK, () -> terminalView.runOnFocused("Find"));
        actions.put(Shortcut.COPY, () -> terminalView.runOnFocused("Copy"));
        actions.put(Shortcut.PASTE, () -> terminalView.runOnFocused("Paste"));
        actions.put(Shortcut.ZOOM_IN, () -> zoom(terminalSettings.fontSize() + ZOOM_STEP));
        actions.put(Shortcut.ZOOM_OUT, () -> zoom(terminalSettings.fontSize() - ZOOM_STEP));
        actions.put(Shortcut.ZOOM_RESET, () -> zoom(UiSettings.DEFAULT_FONT_SIZE));
        actions.put(Shortcut.BROADCAST_TOGGLE_PANE, area::toggleBroadcastOfFocused);
        actions.put(Shortcut.BROADCAST_ALL, area::broadcastToGrid);
        actions.put(Shortcut.BROADCAST_END, area::endBroadcast);
        actions.put(Shortcut.TOGGLE_THEME, () -> applyTheme(settings.theme().toggled()));
        actions.put(Shortcut.EDIT_ENDPOINTS, () -> endpointEditing.edit(stage, statusBar::showMessage));
        actions.put(Shortcut.SHOW_SHORTCUTS, () -> new ShortcutsDialog(stage).show());
        return actions;
    }

    /** Opens another local shell in a tab: {@code local}, then {@code local-2}, … */
    public void newTerminal() {
        String name = "local";
        for (int i = 2; area.find(name).isPresent(); i++) {
            name = "local-" + i;
        }
        area.focus(area.open(name));
    }

    private void zoom(double size) {
        double clamped = Math.max(8, Math.min(40, size));
        terminalSettings.setFontSize(clamped);
        settings = settings.withTerminalFontSize(clamped);
        terminalView.applyFont();
    }

    public void applyTheme(ThemeMode mode) {
        settings = settings.withTheme(mode);
        useThemeStylesheet(mode);
        followTheme(mode);
    }

    /** The window's theme class and the terminals' colours, after the stylesheet. */
    private void followTheme(ThemeMode mode) {
        window.getStyleClass().removeAll("theme-dark", "theme-light");
        window.getStyleClass().add(mode == ThemeMode.DARK ? "theme-dark" : "theme-light");
        terminalSettings.setDark(mode == ThemeMode.DARK);
        terminalView.repaint();
    }

    /**
     * Makes the theme JavaFX's user-agent stylesheet. The constructor does this before it creates the
     * first control: a control class finding none loads JavaFX's own Modena, only to be replaced.
     */
    private static void useThemeStylesheet(ThemeMode mode) {
        // the theme's binary (pre-parsed) stylesheet: parsing its 170 KB of CSS text cost start-up time
        Application.setUserAgentStylesheet(mode == ThemeMode.DARK
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }

    public ThemeMode theme() {
        return settings.theme();
    }

    /** Shows the window and saves the layout when it closes. */
    public void show(Runnable afterClose) {
        this.afterClose = afterClose;
        stage.setOnCloseRequest(e -> {
            if (mayClose()) {
                closeWindow();
            } else {
                e.consume();
            }
        });
        stage.show();
        // Divider positions only stick once the split has its real width; terminals connect once the
        // first frame is out so start-up is not slowed by four shells starting (nor its CSS pass by
        // the panes' state changes).
        javafx.application.Platform.runLater(() -> window.setDividerPositions(splitsFor(scene.getWidth())));
        StartupProbe.onFirstFrame(scene, firstFrame -> area.sessions().startConnecting());
    }

    /**
     * The main splits to start with: those last used in this workspace, else those last used anywhere,
     * else widths that suit a window {@code width} px wide ({@link PaneWidths}).
     */
    List<Double> splitsFor(double width) {
        return settings.dividersOf(workspace)
                .or(() -> settings.mainDividers().equals(UiSettings.DEFAULT_DIVIDERS) ? java.util.Optional.empty()
                        : java.util.Optional.of(settings.mainDividers()))
                .orElseGet(() -> PaneWidths.forWindow(width).dividers());
    }

    /** The workspace whose splits this window remembers (call before {@link #show}). */
    public void rememberSplitsFor(String workspaceName) {
        this.workspace = workspaceName;
        window.setDividerPositions(splitsFor(scene.getWidth()));
    }

    /** What the next launch restores: theme, geometry, splits, open terminals, font size. */
    public UiSettings currentSettings() {
        WindowGeometry geometry = stage.isMaximized()
                ? new WindowGeometry(settings.window().x(), settings.window().y(),
                        settings.window().width(), settings.window().height(), true)
                : new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        return settings.withWindow(geometry)
                .withWorkspaceDividers(workspace, window.dividerPositions())
                .withOpenTerminals(area.openNames());
    }

    public boolean saveSettings() {
        settings = currentSettings();
        return settingsStore.save(settings);
    }

    /** Closes every connection. */
    public void shutdown() {
        terminalView.closeAll();
        background.shutdownNow();
        shutdownHooks.forEach(Runnable::run);
        shutdownHooks.clear();
    }

    /** Runs {@code hook} when the window closes, after the terminals (e.g. closing the session hub). */
    public void onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
    }

    /** Asked before the window closes (close button or File › Quit), e.g. the AWS cost guard's exit warning. */
    public void addCloseGuard(CloseGuard guard) {
        closeGuards.add(guard);
    }

    private boolean mayClose() {
        return closed || closeGuards.stream().allMatch(guard -> guard.mayClose(stage));
    }

    private void quit() {
        if (mayClose()) {
            closeWindow();
            stage.close();
        }
    }

    /**
     * Ends the app as closing the window does — the layout saved, the terminals and their transcripts
     * closed, the local lab taken down — for a signal or the JVM's exit, which send no close request (see
     * {@link CloseOnSignal}). Runs the close on the JavaFX thread when it answers within {@code patience};
     * otherwise (toolkit gone or stuck) only the shutdown hooks run here, as they need no JavaFX, and this
     * session's layout is not saved. Returns at once when the window has already closed.
     */
    void closeWithoutRequest(java.time.Duration patience) {
        if (closed) {
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            javafx.application.Platform.runLater(() -> {
                try {
                    closeWindow();
                } finally {
                    done.countDown();
                }
            });
            if (done.await(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (IllegalStateException toolkitGone) {
            // the JavaFX toolkit has already exited: the hooks still run below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closed) {
            closed = true;
            shutdown();
        }
    }

    private void closeWindow() {
        if (closed) {
            return;
        }
        closed = true;
        saveSettings();
        shutdown();
        afterClose.run();
    }

    private void about() {
        Alert about = new Alert(Alert.AlertType.INFORMATION,
                "A workbench for hands-on Kubernetes networking labs.\nVersion " + VersionProvider.version());
        about.initOwner(stage);
        about.setTitle("About LabBench");
        about.setHeaderText("LabBench");
        about.show();
    }

    // ---- slots and services for the other parts of the app ----

    /** Adds a menu before Help (the lab's AWS and Kubernetes windows live in one). */
    public void addMenu(javafx.scene.control.Menu menu) {
        menuBar.getMenus().add(Math.max(0, menuBar.getMenus().size() - 1), menu);
    }

    /** Adds an item at the end of the View menu (e.g. View › Packet path…). */
    public void addViewMenuItem(javafx.scene.control.MenuItem item) {
        menuBar.getMenus().stream().filter(m -> "_View".equals(m.getText())).findFirst()
                .ifPresent(view -> view.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), item));
    }

    /** Fills the left slot with the lab pane. */
    public void setLabPane(Node labPane) {
        window.setLabPane(labPane);
    }

    /** Fills the right slot with the watch dock. */
    public void setWatchDock(Node watchDock) {
        window.setWatchDock(watchDock);
    }

    /** Type into a named terminal and bring it forward (the lab wizard's way in). */
    public TerminalDirectory terminals() {
        return area.sessions();
    }

    public StatusBarView statusBar() {
        return statusBar;
    }

    public TerminalAreaViewModel terminalArea() {
        return area;
    }

    public TerminalAreaView terminalView() {
        return terminalView;
    }

    public MainWindowView window() {
        return window;
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    /** May veto closing the main window; it may ask the learner (a dialog owned by {@code owner}) first. */
    @FunctionalInterface
    public interface CloseGuard {
        boolean mayClose(javafx.stage.Window owner);
    }

    /** What Edit > Endpoints opens and where it saves; the sessions-backed version edits the workspace file. */
    @FunctionalInterface
    public interface EndpointEditing {
        void edit(javafx.stage.Window owner, java.util.function.Consumer<String> notice);
    }
}
