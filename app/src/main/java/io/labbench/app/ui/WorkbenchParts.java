package io.labbench.app.ui;

import io.labbench.app.lab.CommandRunnerPort;
import io.labbench.app.lab.LabPaneView;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.app.watch.WatchDock;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.sessions.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts the lab wizard and the watch dock into the main window. Kept apart from
 * {@link WorkbenchSetup} so the window's skeleton stays testable without them.
 */
public final class WorkbenchParts {

    /** The lab the app opens; more labs will be chosen from {@code assets/labs}. */
    static final String DEFAULT_LAB = "labs/pkos-week2.yaml";

    private WorkbenchParts() {
    }

    /** Where the shipped assets are: {@code -Dlabbench.assets} (set by ./labbench and the installers), else ./assets. */
    public static Path assetsRoot() {
        String configured = System.getProperty("labbench.assets");
        return configured == null || configured.isBlank() ? Path.of("assets") : Path.of(configured);
    }

    /** The default lab file and what reading it gave; {@code loaded} is empty when there is no such file. */
    public record LabFile(Path path, Optional<LoadResult> loaded) {
    }

    /** Reads the default lab. Needs no JavaFX, so the launcher runs it on its own thread. */
    public static LabFile readDefaultLab() {
        Path labFile = assetsRoot().resolve(DEFAULT_LAB);
        return new LabFile(labFile, Files.isRegularFile(labFile)
                ? Optional.of(new LabLoader().load(labFile)) : Optional.empty());
    }

    /**
     * The AWS backend's packet path: the workspace's endpoints (kops-ec2 and the nodes) over the app's SSH
     * sessions, the kubeconfig kops-ec2 holds (read over SFTP, as the Kubernetes window's kops-ec2 choice does),
     * and ELBv2/EC2 with the SDK's default credentials in the study's region.
     */
    private static io.labbench.app.path.AwsPathSource awsPathSource(WorkbenchSetup setup) {
        io.labbench.sessions.RemoteFilesProvider files = setup.hub() instanceof io.labbench.sessions.RemoteFilesProvider f
                ? f : name -> Optional.empty();
        return new io.labbench.app.path.AwsPathSource(setup.hub(), setup::endpointNames,
                () -> io.labbench.kube.KubeconfigSource.fromEndpoint(files.files("kops-ec2").orElseThrow(() -> new java.io.IOException(
                        "this workspace has no kops-ec2 endpoint, whose ~/.kube/config the path reads the cluster with"))),
                new io.labbench.aws.AwsClientFactory(io.labbench.aws.AwsSettings.defaults()));
    }

    /** @param labFile the default lab, asked for once the dock and menus are in (the launcher reads it meanwhile) */
    public static void wire(WorkbenchSetup setup, AppDirs dirs, boolean awsBackend, Supplier<LabFile> labFile) {
        Workbench workbench = setup.workbench();
        WatchDock dock = WatchDock.create(setup.hub(), () -> setup.endpointNames(), dirs.config());
        workbench.setWatchDock(dock.node());
        workbench.onShutdown(dock::close);
        dock.model().inCentreProperty().addListener((obs, was, now) -> workbench.window().setWatchesInCentre(now));
        WatchDirectory watches = dock;
        // The Cluster menu works without a lab (AWS and Kubernetes windows), so it comes first.
        ClusterWindows windows = new ClusterWindows(setup, dirs);
        workbench.addMenu(windows.menu());
        workbench.onShutdown(windows::close);
        PathWindows paths = PathWindows.add(workbench, watches, setup.workspaceName(),
                awsBackend ? Optional.of(() -> awsPathSource(setup)) : Optional.empty());
        LabFile lab = labFile.get();
        Path labPath = lab.path();
        if (lab.loaded().isEmpty()) {
            workbench.window().showNoLab("No lab found at " + labPath + ".");
            workbench.statusBar().showMessage("No lab found at " + labPath + "; start LabBench with ./labbench or set -Dlabbench.assets");
            return;
        }
        LoadResult loaded = lab.loaded().get();
        if (loaded.lab().isEmpty()) {
            String first = loaded.errors().stream().findFirst().map(Object::toString).orElse("unknown");
            workbench.window().showNoLab("The lab has errors; first: " + first);
            workbench.statusBar().showMessage("The lab " + labPath + " has errors; first: " + first
                    + " (labbench lab validate " + labPath + " lists them all)");
            return;
        }
        LabPaneView pane = new LabPaneView(loaded.lab().get(), workbench.terminals(), watches,
                new CommandRunnerPort(setup.hub()), dirs.workspace(setup.workspaceName()), setup.secretMasker());
        if (awsBackend) {
            pane.model().backendProperty().set(io.labbench.cluster.Backend.AWS);
        }
        pane.addWindowActions(workbench.window()::toggleLabWide, workbench.window()::toggleLabDetached);
        workbench.setLabPane(pane);
        paths.notebook(pane.model());
        pane.model().useOperations(windows.labOperations());
    }
}
