package io.labbench.app.ui;

import io.labbench.app.aws.AwsWorkbench;
import io.labbench.app.kube.ClusterView;
import io.labbench.app.kube.ClusterViewModel;
import io.labbench.app.shell.LabOperations;
import io.labbench.aws.AwsClientFactory;
import io.labbench.sessions.AppDirs;
import io.labbench.sessions.RemoteFilesProvider;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import io.labbench.sessions.workspace.WorkspaceFileException;
import io.labbench.sessions.workspace.WorkspaceStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Cluster menu: the AWS backend's window (account, stack, nodes, max pods, load balancers, IAM,
 * DNS/TLS, cost guard) and the live Kubernetes window (pods, nodes, services, events, aws-node).
 * Both are built on first use; the AWS side also runs the lab's named operations.
 */
final class ClusterWindows {

    /** The workspace the AWS window edits (kops-ec2 and the nodes once discovered). */
    static final String AWS_WORKSPACE = "aws";

    private final WorkbenchSetup setup;
    private final AppDirs dirs;
    private final WorkspaceStore store;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "labbench-cluster");
        t.setDaemon(true);
        return t;
    });
    private AwsWorkbench aws;
    private Stage awsStage;
    private ClusterViewModel kube;
    private Stage kubeStage;

    ClusterWindows(WorkbenchSetup setup, AppDirs dirs) {
        this.setup = setup;
        this.dirs = dirs;
        this.store = new WorkspaceStore(dirs);
        // Quitting does not stop AWS billing: the AWS pane asks first while its cost guard knows of anything running.
        setup.workbench().addCloseGuard(owner -> aws == null || aws.mayExit(owner, this::showAws));
    }

    Menu menu() {
        MenuItem awsItem = new MenuItem("AWS…", new FontIcon(Feather.CLOUD));
        awsItem.setOnAction(e -> showAws());
        MenuItem kubeItem = new MenuItem("Kubernetes…", new FontIcon(Feather.LAYERS));
        kubeItem.setOnAction(e -> showKube());
        Menu menu = new Menu("_Cluster", null, awsItem, kubeItem);
        menu.setId("cluster-menu");
        return menu;
    }

    /** Lab operations by name; the AWS window is created (hidden) on the first one. */
    LabOperations labOperations() {
        return new LabOperations() {
            @Override
            public Set<String> names() {
                return awsWorkbench().labOperations().names();
            }

            @Override
            public CompletableFuture<String> run(String name, Map<String, String> with, Consumer<String> progress) {
                return awsWorkbench().labOperations().run(name, with, progress);
            }
        };
    }

    private AwsWorkbench awsWorkbench() {
        if (aws == null) {
            // on the local backend the same window talks to the lab's own AWS endpoint with the lab's key
            java.util.function.Function<io.labbench.aws.AwsSettings, AwsClientFactory> factories = onLocalLab()
                    ? new io.labbench.app.aws.LocalLabAwsClients(io.labbench.locallab.settings.LabSettings.defaults()) : AwsClientFactory::new;
            aws = new AwsWorkbench(factories, executor, this::editAwsWorkspace, setup.workbench().terminals());
        }
        return aws;
    }

    private boolean onLocalLab() {
        return setup.workspaceName().equals(io.labbench.app.locallab.LocalLabWorkspace.NAME);
    }

    private void editAwsWorkspace(UnaryOperator<Workspace> edit) {
        try {
            Workspace current = store.exists(AWS_WORKSPACE) ? store.load(AWS_WORKSPACE)
                    : new Workspace(AWS_WORKSPACE, Backend.AWS, List.of(), Map.of());
            store.save(edit.apply(current));
            setup.workbench().statusBar().showMessage("Saved the AWS workspace " + store.file(AWS_WORKSPACE)
                    + "; start LabBench with --backend aws to open its terminals.");
        } catch (WorkspaceFileException | IOException | IllegalArgumentException e) {
            setup.workbench().statusBar().showMessage("Could not save the AWS workspace: " + e.getMessage());
        }
    }

    private void showAws() {
        if (awsStage == null) {
            awsStage = window(onLocalLab() ? "LabBench — AWS (the local lab's own AWS)" : "LabBench — AWS", awsWorkbench().node(), 1200, 800);
            if (onLocalLab()) {
                // nothing to choose on the lab: show its account at once
                awsWorkbench().checkIdentity();
            }
        }
        awsStage.show();
        awsStage.toFront();
    }

    private void showKube() {
        if (kubeStage == null) {
            // The local lab's sessions read no remote files: its kubeconfig is the "Local lab" choice.
            RemoteFilesProvider files = setup.hub() instanceof RemoteFilesProvider hubFiles ? hubFiles : name -> Optional.empty();
            kube = new ClusterViewModel(io.labbench.locallab.settings.LabSettings.defaults().kubeconfig(), files, setup.workbench().terminals(), executor);
            kubeStage = window("LabBench — Kubernetes", new ClusterView(kube).node(), 1100, 700);
        }
        kubeStage.show();
        kubeStage.toFront();
    }

    private Stage window(String title, Parent content, double width, double height) {
        Stage stage = new Stage();
        stage.initOwner(setup.workbench().stage());
        stage.setTitle(title);
        Scene scene = new Scene(content, width, height);
        scene.getStylesheets().addAll(setup.workbench().stage().getScene().getStylesheets());
        stage.setScene(scene);
        return stage;
    }

    void close() {
        if (kube != null) {
            kube.close();
        }
        executor.shutdownNow();
    }
}
