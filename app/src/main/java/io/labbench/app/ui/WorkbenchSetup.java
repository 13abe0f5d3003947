package io.labbench.app.ui;

import io.labbench.app.ui.dialogs.EndpointEditorDialog;
import io.labbench.app.ui.dialogs.FxHostKeyVerifier;
import io.labbench.app.ui.dialogs.FxPassphrasePrompt;
import io.labbench.app.ui.terminal.SessionTerminalLinks;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.SessionHub;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceFileException;
import io.labbench.sessions.workspace.WorkspaceStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Chooses the workspace from the command-line options, opens its {@link SessionHub} with the UI's
 * host-key and passphrase dialogs, and builds the {@link Workbench} on it.
 *
 * <p>Backends: {@code shells} is four local shells named after the nodes; {@code aws} (or
 * {@code --workspace NAME}) loads that workspace's file; {@code local} is the embedded local lab,
 * which {@link #localLabWorkspace} provides (it falls back to local shells until the lab is wired).
 */
public final class WorkbenchSetup {

    /** The workspace used by {@code --backend shells}. */
    public static final String SHELLS_WORKSPACE = "local-shells";

    private final Workbench workbench;
    private final SessionHub hub;

    private WorkbenchSetup(Workbench workbench, SessionHub hub) {
        this.workbench = workbench;
        this.hub = hub;
    }

    public static WorkbenchSetup create(AppDirs dirs, DesktopLauncher.Options options, Stage stage) {
        WorkspaceStore store = new WorkspaceStore(dirs);
        List<String> notices = new ArrayList<>();
        Workspace workspace = chooseWorkspace(store, options, notices::add);
        SessionHub hub = SessionHub.builder(workspace)
                .hostKeyVerifier(new FxHostKeyVerifier(() -> stage))
                .passphrasePrompt(new FxPassphrasePrompt(() -> stage))
                .transcripts(store.transcripts(workspace.name()))
                .build();
        SessionTerminalLinks links = new SessionTerminalLinks(hub);
        List<String> grid = workspace.endpointNames().stream().limit(4).toList();
        Workbench workbench = new Workbench(stage, DesktopLauncher.settingsStore(dirs), links, grid,
                (owner, notice) -> editEndpoints(owner, store, workspace, notice));
        workbench.onShutdown(hub::close);
        notices.forEach(workbench.statusBar()::showMessage);
        return new WorkbenchSetup(workbench, hub);
    }

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
            } else if (backend.equals("local")) {
                Optional<Workspace> lab = localLabWorkspace(store);
                if (lab.isPresent()) {
                    return lab.get();
                }
                notice.accept("The local lab is not available in this build yet: the terminals are local shells.");
            }
            return store.loadOrCreateDefault(SHELLS_WORKSPACE);
        } catch (WorkspaceFileException e) {
            notice.accept(e.getMessage().lines().findFirst().orElse("invalid workspace file")
                    + " (using local shells until it is fixed)");
        } catch (IOException e) {
            notice.accept("Cannot save the default workspace: " + e.getMessage() + " (using local shells in memory)");
        }
        return Workspace.defaultLocal(SHELLS_WORKSPACE);
    }

    /**
     * The hook for the embedded local lab ({@code --backend local}, the default): when the lab module
     * can start, return its workspace (SSH endpoints into the node namespaces). Empty until wired.
     */
    static Optional<Workspace> localLabWorkspace(WorkspaceStore store) {
        return Optional.empty();
    }

    private static void editEndpoints(Window owner, WorkspaceStore store, Workspace workspace, Consumer<String> notice) {
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

    public SessionHub hub() {
        return hub;
    }
}
