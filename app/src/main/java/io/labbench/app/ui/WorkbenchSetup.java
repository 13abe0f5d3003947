package io.labbench.app.ui;

import io.labbench.app.ui.dialogs.EndpointEditorDialog;
import io.labbench.app.ui.dialogs.FxHostKeyVerifier;
import io.labbench.app.ui.dialogs.FxPassphrasePrompt;
import io.labbench.app.ui.settings.UiSettingsStore;
import io.labbench.app.terminals.SessionTerminalLinks;
import io.labbench.app.locallab.LocalLabLifecycle;
import io.labbench.app.locallab.LocalLabSettingsDialog;
import io.labbench.app.locallab.LocalLabSettingsViewModel;
import io.labbench.app.locallab.LocalLabWorkspace;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.LabSettingsFile;
import io.labbench.locallab.daemon.LabReroll;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.locallab.LabStatus;
import io.labbench.locallab.check.MachineCheck;
import io.labbench.locallab.check.MachineFinding;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.CommandRunnerProvider;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.ssh.SshSettings;
import io.labbench.sessions.transcript.SecretMasker;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceFileException;
import io.labbench.sessions.workspace.WorkspaceStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import javafx.application.Platform;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.stage.Window;

/**
 * Chooses the workspace from the command-line options, opens its {@link SessionHub} with the UI's
 * host-key and passphrase dialogs, and builds the {@link Workbench} on it.
 *
 * <p>Backends: {@code shells} is four local shells named after the nodes; {@code aws} (or
 * {@code --workspace NAME}) loads that workspace's file; {@code local} is the embedded local lab,
 * started in the background by {@link #createOnLocalLab} (local shells stand in when the machine check
 * finds something missing, and say what).
 */
public final class WorkbenchSetup {

    /** The workspace used by {@code --backend shells}. */
    public static final String SHELLS_WORKSPACE = "local-shells";

    /** How long a terminal opened at launch waits for the local lab before it says so. */
    private static final Duration LAB_PATIENCE = Duration.ofMinutes(3);

    private final Workbench workbench;
    private final CommandRunnerProvider runners;
    private final String workspaceName;
    private final SecretMasker masker;

    private WorkbenchSetup(Workbench workbench, CommandRunnerProvider runners, String workspaceName, SecretMasker masker) {
        this.masker = masker;
        this.workbench = workbench;
        this.runners = runners;
        this.workspaceName = workspaceName;
    }

    /**
     * What the set-up reads from disk and asks of the machine before the window can be built: the
     * window's saved settings, and either the local lab's saved settings or the workspace to open (with
     * notices for the status bar). None of it needs JavaFX, so the launcher reads it while the toolkit
     * starts. {@code localLab} present means the local lab backend; otherwise {@code workspace} is.
     */
    public record Plan(UiSettingsStore settingsStore, UiSettingsStore.LoadOutcome settings, WorkspaceStore store,
                       Optional<LabSettingsFile.Loaded> localLab, Optional<Workspace> workspace, List<String> notices) {
    }

    /** Reads what {@link #create(Plan, Stage)} needs; runs on any thread. */
    public static Plan plan(AppDirs dirs, DesktopLauncher.Options options) {
        UiSettingsStore settingsStore = DesktopLauncher.settingsStore(dirs);
        UiSettingsStore.LoadOutcome settings = settingsStore.tryLoad();
        WorkspaceStore store = new WorkspaceStore(dirs);
        List<String> notices = new ArrayList<>();
        boolean localBackend = (options.backend() == null || options.backend().equals("local"))
                && (options.workspace() == null || options.workspace().isBlank());
        if (localBackend && !options.startupProbe()) {
            List<MachineFinding> blockers = localLabBlockers();
            if (blockers.isEmpty()) {
                return new Plan(settingsStore, settings, store, Optional.of(LabSettingsFile.load(LabSettings.defaults())),
                        Optional.empty(), List.of());
            }
            blockers.forEach(f -> notices.add("Local lab unavailable: " + f));
        }
        Workspace workspace = chooseWorkspace(store, options, notices::add);
        return new Plan(settingsStore, settings, store, Optional.empty(), Optional.of(workspace), List.copyOf(notices));
    }

    public static WorkbenchSetup create(AppDirs dirs, DesktopLauncher.Options options, Stage stage) {
        return create(plan(dirs, options), stage);
    }

    /** Builds the window on what {@link #plan} read; on the JavaFX thread. */
    public static WorkbenchSetup create(Plan plan, Stage stage) {
        if (plan.localLab().isPresent()) {
            return createOnLocalLab(plan, plan.localLab().get(), stage);
        }
        WorkspaceStore store = plan.store();
        Workspace workspace = plan.workspace().orElseThrow();
        SecretMasker masker = SecretMasker.standard();
        SessionHub hub = SessionHub.builder(workspace)
                .secretMasker(masker)
                .hostKeyVerifier(new FxHostKeyVerifier(() -> stage))
                .passphrasePrompt(new FxPassphrasePrompt(() -> stage))
                .transcripts(store.transcripts(workspace.name()))
                .build();
        SessionTerminalLinks links = new SessionTerminalLinks(hub);
        List<String> grid = workspace.endpointNames().stream().limit(4).toList();
        Workbench workbench = new Workbench(stage, plan.settingsStore(), plan.settings(), links, grid,
                (owner, notice) -> editEndpoints(owner, store, workspace, notice));
        workbench.onShutdown(hub::close);
        plan.notices().forEach(workbench.statusBar()::showMessage);
        workbench.rememberSplitsFor(workspace.name());
        return new WorkbenchSetup(workbench, hub, workspace.name(), masker);
    }

    /** What stops the local lab on this machine (missing tools, no root and no user namespaces). */
    static List<MachineFinding> localLabBlockers() {
        try {
            return MachineCheck.ofThisMachine().findings().stream().filter(MachineFinding::blocking).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The default backend: the window opens at once on four terminals that connect as soon as the
     * lab's daemon is up (about 5 s); the status bar shows its progress. Closing the window stops the lab.
     */
    private static WorkbenchSetup createOnLocalLab(Plan plan, LabSettingsFile.Loaded saved, Stage stage) {
        WorkspaceStore store = plan.store();
        List<String> names = new ArrayList<>(Workspace.DEFAULT_NODE_NAMES);
        names.addAll(List.of("kubectl", "local"));
        // One masker for the workspace, kept across the hubs of re-rolled labs: a secret learned at a
        // terminal stays masked in every transcript, evidence and export.
        SecretMasker masker = SecretMasker.standard();
        LocalLabLifecycle lab = new LocalLabLifecycle(saved.settings(), names, status -> {
            Workspace workspace = LocalLabWorkspace.from(status);
            return SessionHub.builder(workspace)
                    .secretMasker(masker)
                    .sshSettings(SshSettings.isolated(LocalLabWorkspace.knownHosts(status)))
                    .hostKeyVerifier(new FxHostKeyVerifier(() -> stage))
                    .passphrasePrompt(new FxPassphrasePrompt(() -> stage))
                    .transcripts(store.transcripts(workspace.name()))
                    // The lab's SSH server already runs each command through its own exec helper inside the node
                    // (locallab's NodeExecHelper, a spare fork waiting): a runner on top would add a Perl per node
                    // and no speed. Real nodes keep theirs (NodeCommandRunner).
                    .nodeRunner(false)
                    .build();
        }, LAB_PATIENCE);
        Workbench workbench = new Workbench(stage, plan.settingsStore(), plan.settings(), lab.sessions(), Workspace.DEFAULT_NODE_NAMES,
                (owner, notice) -> notice.accept("The local lab's endpoints are set by the lab itself; "
                        + "edit endpoints in an AWS or shells workspace."));
        saved.problem().ifPresent(workbench.statusBar()::showMessage);
        workbench.rememberSplitsFor(LocalLabWorkspace.NAME);
        workbench.addMenu(localLabMenu(workbench, lab));
        Thread starter = new Thread(() -> {
            long start = System.nanoTime();
            try {
                LabStatus status = lab.start((done, total, message) -> Platform.runLater(() ->
                        workbench.statusBar().showMessage("Starting the local lab (" + done + "/" + total + "): " + message)));
                long millis = (System.nanoTime() - start) / 1_000_000;
                Platform.runLater(() -> workbench.statusBar().showMessage("Local lab up in " + millis / 1000.0 + " s"
                        + (status.rootless() ? " (rootless)" : "") + ": cluster " + status.clusterName()
                        + ", " + LabReroll.describe(lab.settings()) + ", kubeconfig " + status.kubeconfig()));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> workbench.statusBar().showMessage("The local lab did not start: " + e.getMessage()
                        + " — run `labbench lab status` for the machine check, or start with --backend shells."));
            }
        }, "local-lab-start");
        starter.setDaemon(true);
        starter.start();
        // kops rolling-update in kops-ec2 re-rolls the lab from inside it: the terminals follow the new lab;
        // otherwise terminals waiting to reconnect go back as soon as their node answers
        java.util.concurrent.ScheduledExecutorService follower = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-lab-reroll-follower");
            t.setDaemon(true);
            return t;
        });
        follower.scheduleWithFixedDelay(() -> {
            try {
                lab.followRerollFromInside().ifPresentOrElse(status -> Platform.runLater(() -> {
                    workbench.terminalArea().reopen(name -> !name.startsWith("pod:"));
                    workbench.statusBar().showMessage("The local lab was re-rolled from kops-ec2 (" + LabReroll.describe(lab.settings())
                            + "); the terminals reconnect to the new nodes.");
                }), lab::reconnectNodesThatAnswer);
            } catch (RuntimeException e) {
                Platform.runLater(() -> workbench.statusBar().showMessage("Could not follow the re-rolled lab: " + e.getMessage()));
            }
        }, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        workbench.onShutdown(follower::shutdownNow);
        workbench.onShutdown(() -> {
            try {
                lab.stop(Duration.ofSeconds(20));
            } catch (IOException e) {
                System.err.println("LabBench: could not stop the local lab: " + e.getMessage()
                        + " — run `labbench lab down`.");
            }
        });
        return new WorkbenchSetup(workbench, lab.sessions(), LocalLabWorkspace.NAME, masker);
    }

    /**
     * Lab › Local lab settings…: the dialog re-rolls the lab through {@code lab}; once the new lab is up
     * every terminal is replaced by a fresh one on the new nodes (pod shells end with their pods).
     */
    private static Menu localLabMenu(Workbench workbench, LocalLabLifecycle lab) {
        MenuItem settings = new MenuItem("Local lab settings…", new FontIcon(Feather.SLIDERS));
        settings.setId("local-lab-settings");
        settings.setOnAction(e -> {
            LocalLabSettingsViewModel model = new LocalLabSettingsViewModel(lab.settings(), InstanceTypeCatalog.builtIn(),
                    (next, progress) -> {
                        LabStatus status = lab.reroll(next, (done, total, message) -> {
                            progress.step(done, total, message);
                            Platform.runLater(() -> workbench.statusBar().showMessage(
                                    "Re-rolling the local lab (" + done + "/" + total + "): " + message));
                        });
                        Platform.runLater(() -> {
                            workbench.terminalArea().reopen(name -> !name.startsWith("pod:"));
                            workbench.statusBar().showMessage("Local lab re-rolled: " + LabReroll.describe(next)
                                    + "; the terminals reconnect to the new nodes.");
                        });
                        return status;
                    }, REROLL, Platform::runLater);
            new LocalLabSettingsDialog(workbench.stage(), model).show();
        });
        Menu menu = new Menu("_Lab", null, settings);
        menu.setId("lab-menu");
        return menu;
    }

    /** Runs re-rolls off the JavaFX thread; one at a time (a second apply waits for the first). */
    private static final java.util.concurrent.ExecutorService REROLL = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-lab-reroll");
        t.setDaemon(true);
        return t;
    });

    static Workspace chooseWorkspace(WorkspaceStore store, DesktopLauncher.Options options, Consumer<String> notice) {
        String backend = options.backend() == null ? "local" : options.backend();
        Optional<String> named = Optional.ofNullable(options.workspace()).filter(s -> !s.isBlank());
        try {
            if (named.isPresent() || backend.equals("aws")) {
                String name = named.orElse("aws");
                if (store.exists(name)) {
                    return store.load(name);
                }
                notice.accept("No workspace file " + store.file(name) + "; opened local shells instead."
                        + " Create it with the endpoint editor (File > Edit endpoints).");
            }
            // backend local lands here only when the machine cannot run the lab (the caller already
            // said why) or for the start-up probe, which never starts it: local shells stand in.
            return store.loadOrCreateDefault(SHELLS_WORKSPACE);
        } catch (WorkspaceFileException e) {
            notice.accept(e.getMessage().lines().findFirst().orElse("invalid workspace file")
                    + " (using local shells until it is fixed)");
        } catch (IOException e) {
            notice.accept("Cannot save the default workspace: " + e.getMessage() + " (using local shells in memory)");
        }
        return Workspace.defaultLocal(SHELLS_WORKSPACE);
    }

    static void editEndpoints(Window owner, WorkspaceStore store, Workspace workspace, Consumer<String> notice) {
        new EndpointEditorDialog(owner, workspace.endpoints()).showAndWait().ifPresent(endpoints -> {
            try {
                store.save(workspace.withEndpoints(endpoints));
                notice.accept("Saved " + store.file(workspace.name()) + "; restart LabBench to connect the new endpoints.");
            } catch (IOException | IllegalArgumentException e) {
                notice.accept("Could not save the endpoints: " + e.getMessage());
            }
        });
    }

    public Workbench workbench() {
        return workbench;
    }

    /** Command runners of the workspace's endpoints (watches and lab checks poll through them). */
    public CommandRunnerProvider hub() {
        return runners;
    }

    /** The workspace's one masker: its transcripts, the lab pane's evidence and exports all use it. */
    public SecretMasker secretMasker() {
        return masker;
    }

    public String workspaceName() {
        return workspaceName;
    }

    /** The endpoints watches can run on: the terminal names that are machines, not plain local shells. */
    public List<String> endpointNames() {
        return workbench.terminals().names().stream().filter(n -> !n.startsWith("local")).toList();
    }
}
