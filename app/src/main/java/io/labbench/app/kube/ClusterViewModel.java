package io.labbench.app.kube;

import io.labbench.app.shell.TerminalDirectory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.labbench.kube.ClusterSnapshot;
import io.labbench.kube.ClusterViews;
import io.labbench.kube.EventRow;
import io.labbench.kube.KubeconfigSource;
import io.labbench.kube.NodeRow;
import io.labbench.kube.PodRow;
import io.labbench.kube.ServiceRow;
import io.labbench.sessions.RemoteFiles;
import io.labbench.sessions.RemoteFilesProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster as the live views show it. The learner picks a kubeconfig source; connecting starts
 * {@link ClusterViews} informers whose snapshots replace the tables' rows on the JavaFX thread. The
 * kubeconfig text stays in memory (it holds client credentials) and is never shown or logged.
 */
public final class ClusterViewModel implements AutoCloseable {

    /** One aws-node variable the study changes (ENABLE_PREFIX_DELEGATION, WARM_*). */
    public record EnvRow(String name, String value) {
    }

    private static final Logger LOG = Logger.getLogger(ClusterViewModel.class.getName());

    private final ObjectProperty<KubeconfigChoice> choice = new SimpleObjectProperty<>(this, "choice", KubeconfigChoice.LOCAL_LAB);
    private final StringProperty file = new SimpleStringProperty(this, "file", "");
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper(this, "context", "Not connected");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper(this, "connection", "");
    private final ReadOnlyBooleanWrapper reconnecting = new ReadOnlyBooleanWrapper(this, "reconnecting");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<PodRow> pods = FXCollections.observableArrayList();
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<EnvRow> awsNode = FXCollections.observableArrayList();
    private final Path localLabKubeconfig;
    private final RemoteFilesProvider files;
    private final TerminalDirectory terminals;
    private final Executor executor;
    private ClusterViews views;
    private KubernetesClient ownedClient;

    /**
     * @param localLabKubeconfig the local lab's kubeconfig ({@code LabSettings.defaults().kubeconfig()}: one per lab prefix)
     * @param files              reads kops-ec2's kubeconfig (SFTP on its shared SSH connection)
     */
    public ClusterViewModel(Path localLabKubeconfig, RemoteFilesProvider files, TerminalDirectory terminals, Executor executor) {
        this.localLabKubeconfig = localLabKubeconfig;
        this.files = files;
        this.terminals = terminals;
        this.executor = executor;
    }

    public ObjectProperty<KubeconfigChoice> choiceProperty() {
        return choice;
    }

    /** The kubeconfig file for {@link KubeconfigChoice#FILE}. */
    public StringProperty fileProperty() {
        return file;
    }

    /** "context X from Y", or why not connected. */
    public ReadOnlyStringProperty contextProperty() {
        return context.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** e.g. "12 pods (1 Pending) on 3 nodes". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Empty while the views are live; otherwise what is going on with the API server and what to do. */
    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** True while the API server is away and the tables show the last state they had. */
    public ReadOnlyBooleanProperty reconnectingProperty() {
        return reconnecting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<PodRow> pods() {
        return pods;
    }

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    public ObservableList<ServiceRow> services() {
        return services;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    public ObservableList<EnvRow> awsNode() {
        return awsNode;
    }

    /** Loads the chosen kubeconfig off the JavaFX thread and starts the informers. */
    public void connect() {
        KubeconfigChoice chosen = choice.get();
        String chosenFile = file.get() == null ? "" : file.get().trim();
        busy.set(true);
        problem.set("");
        context.set("Connecting…");
        executor.execute(() -> {
            try {
                KubeconfigSource source = load(chosen, chosenFile);
                String ctx = source.currentContext();
                KubernetesClient client = source.connect();
                ClusterViews started = new ClusterViews(client, 250);
                Platform.runLater(() -> {
                    attach(started, "context " + (ctx.isEmpty() ? "(none)" : ctx) + " from " + source.origin());
                    ownedClient = client;
                    busy.set(false);
                });
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "kubeconfig not loaded: {0}", e.getClass().getSimpleName());
                String why = explain(chosen, e);
                Platform.runLater(() -> {
                    busy.set(false);
                    context.set("Not connected");
                    problem.set(why);
                });
            }
        });
    }

    /** Shows the given views (already configured, not necessarily started) and starts them. On the JavaFX thread. */
    public void attach(ClusterViews newViews, String contextText) {
        close();
        views = newViews;
        context.set(contextText);
        newViews.addListener(snapshot -> Platform.runLater(() -> {
            if (views == newViews) {
                show(snapshot);
            }
        }));
        newViews.addConnectionListener(state -> Platform.runLater(() -> {
            if (views == newViews) {
                show(state, newViews.failure());
            }
        }));
        show(ClusterViews.Connection.CONNECTING, "");
        newViews.start();
    }

    private KubeconfigSource load(KubeconfigChoice chosen, String chosenFile) throws IOException {
        return switch (chosen) {
            case LOCAL_LAB -> {
                if (!Files.isRegularFile(localLabKubeconfig)) {
                    throw new IOException("The local lab has no kubeconfig at " + localLabKubeconfig
                            + ". Start the local lab first (labbench lab up), then connect again.");
                }
                yield KubeconfigSource.fromFile(localLabKubeconfig);
            }
            case FILE -> {
                if (chosenFile.isEmpty()) {
                    throw new IOException("Choose a kubeconfig file first.");
                }
                Path path = Path.of(chosenFile.startsWith("~/") ? System.getProperty("user.home") + chosenFile.substring(1) : chosenFile);
                if (!Files.isReadable(path)) {
                    throw new IOException("Cannot read " + path + ": check the path and its permissions.");
                }
                yield KubeconfigSource.fromFile(path);
            }
            case KOPS_EC2 -> {
                RemoteFiles kopsEc2 = files.files("kops-ec2").orElseThrow(() -> new IOException(
                        "There is no kops-ec2 endpoint in this workspace. Create the stack (AWS pane) or add the endpoint, then connect again."));
                yield KubeconfigSource.fromEndpoint(kopsEc2);
            }
        };
    }

    private static String explain(KubeconfigChoice chosen, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException) {
            return message;
        }
        return "The kubeconfig from " + chosen + " could not be used: " + message.lines().findFirst().orElse("")
                + ". Check that it is a valid kubeconfig with a current-context.";
    }

    private void show(ClusterSnapshot snapshot) {
        pods.setAll(snapshot.pods());
        nodes.setAll(snapshot.nodes());
        services.setAll(snapshot.services());
        events.setAll(snapshot.events());
        awsNode.setAll(snapshot.awsNode().map(s -> s.env().entrySet().stream()
                .filter(e -> e.getKey().equals("ENABLE_PREFIX_DELEGATION") || e.getKey().startsWith("WARM_"))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new EnvRow(e.getKey(), e.getValue())).toList()).orElse(List.of()));
        long pending = snapshot.pendingPods();
        summary.set(snapshot.pods().size() + " pods" + (pending > 0 ? " (" + pending + " Pending)" : "") + " on "
                + snapshot.nodes().size() + " nodes, " + snapshot.services().size() + " services");
    }

    private void show(ClusterViews.Connection state, String failure) {
        reconnecting.set(state == ClusterViews.Connection.RECONNECTING);
        switch (state) {
            case CONNECTED -> connection.set("");
            case CONNECTING -> connection.set("Listing the cluster…");
            case RECONNECTING -> connection.set("The API server stopped answering at " + LocalTime.now().withNano(0)
                    + "; reconnecting. The tables show the cluster as it was then and catch up once it answers again.");
            case FAILED -> {
                connection.set("");
                problem.set("The API server did not answer (" + failure + "). Check that the cluster is up (for the local lab: "
                        + "labbench lab status) and that the kubeconfig points at it, then press Connect again.");
            }
        }
    }

    /** The terminal name the terminal area opens with {@code kubectl exec -it}. */
    public static String shellTerminalName(PodRow pod) {
        return "pod:" + (pod.namespace().equals("default") ? pod.name() : pod.namespace() + "/" + pod.name());
    }

    /** Asks the terminal area for a shell in the pod. On the JavaFX thread. */
    public void openShell(PodRow pod) {
        String name = shellTerminalName(pod);
        terminals.type(name, "", false);
        terminals.focus(name);
    }

    @Override
    public void close() {
        connection.set("");
        reconnecting.set(false);
        if (views != null) {
            ClusterViews old = views;
            views = null;
            KubernetesClient client = ownedClient;
            ownedClient = null;
            executor.execute(() -> {
                old.close();
                if (client != null) {
                    client.close();
                }
            });
        }
    }
}
