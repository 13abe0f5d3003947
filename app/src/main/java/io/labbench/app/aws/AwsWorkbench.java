package io.labbench.app.aws;

import io.labbench.app.shell.LabOperations;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsSettings;
import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cost.CostGuard;
import io.labbench.aws.cost.PriceTable;
import io.labbench.aws.dns.Certificates;
import io.labbench.aws.dns.HostedZoneRecords;
import io.labbench.aws.ec2.ClusterNodeDiscovery;
import io.labbench.aws.ec2.KeyPairs;
import io.labbench.aws.elb.DistributionTest;
import io.labbench.aws.elb.LoadBalancerInventory;
import io.labbench.aws.iam.ControllerPolicies;
import io.labbench.aws.net.PublicAddressLookup;
import io.labbench.aws.s3.StateBucketService;
import io.labbench.sessions.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Builds the AWS pane with all its tabs and view-models, wired to one account (profile/region), the
 * workspace (endpoints and variables) and the terminal area. The main window creates one, shows
 * {@link #node()}, asks {@link #mayExit} before closing, and registers
 * {@link #labOperations()} with the lab pane.
 */
public final class AwsWorkbench {

    private static final String COST_GUARD_TAB = "Cost guard";
    private static final String LOAD_BALANCERS_TAB = "Load balancers";

    /** Asks who the credentials belong to (the account line at the top). */
    public void checkIdentity() {
        account.checkIdentity();
    }

    private final AwsAccountViewModel account;
    private final CostGuardViewModel cost;
    private final AwsLabOperations operations;
    private final AwsPane pane;
    private final LoadBalancersViewModel loadBalancers;

    /**
     * @param factories      builds SDK clients for a profile/region ({@code AwsClientFactory::new} in the app)
     * @param executor       runs AWS calls off the JavaFX thread
     * @param workspaceEdits applies an edit to the open workspace and saves it
     */
    public AwsWorkbench(Function<AwsSettings, AwsClientFactory> factories, Executor executor,
                        Consumer<UnaryOperator<Workspace>> workspaceEdits, TerminalDirectory terminals) {
        this(factories, executor, workspaceEdits, terminals, PublicAddressLookup.checkip(), TargetTraffic.onAws());
    }

    /**
     * @param addressLookup where "Use my address" asks for the learner's public IPv4 address (a loopback server in tests)
     * @param traffic       per-target connection counts for the Load balancers tab's histogram (the local lab's data plane, or none on AWS)
     */
    public AwsWorkbench(Function<AwsSettings, AwsClientFactory> factories, Executor executor,
                        Consumer<UnaryOperator<Workspace>> workspaceEdits, TerminalDirectory terminals,
                        PublicAddressLookup addressLookup, TargetTraffic traffic) {
        account = new AwsAccountViewModel(factories, new FxWork(executor));
        StringProperty clusterName = new SimpleStringProperty(this, "clusterName", "");

        StateBucketViewModel buckets = new StateBucketViewModel(new FxWork(executor),
                () -> new StateBucketService(account.clients().s3(), account.settings().region()));

        StackCreationViewModel creation = new StackCreationViewModel(new FxWork(executor),
                () -> new StackDeployment(account.clients().cloudFormation(), Duration.ofSeconds(5), Clock.systemUTC()),
                outputs -> AwsEndpoints.kopsEc2Address(outputs).ifPresent(ip -> workspaceEdits.accept(
                        w -> AwsEndpoints.withKopsEc2(w, ip, AwsEndpoints.keyFilesOf(w, "kops-ec2")))));
        BorderPane stackTab = new BorderPane();
        StackTemplateViewModel template = new StackTemplateViewModel(new FxWork(executor),
                () -> new KeyPairs(account.clients().ec2()), form -> stackTab.setCenter(new StackView(form, creation,
                        new MyAddressViewModel(form, new FxWork(executor), addressLookup::lookup)).node()));
        stackTab.setTop(templateBar(template));
        stackTab.setCenter(new Label("Load the template (the study's kops-oneclick.yaml, or a file) to fill in its parameters."));

        ClusterNodesViewModel nodes = new ClusterNodesViewModel(new FxWork(executor),
                () -> new ClusterNodeDiscovery(account.clients().ec2()),
                (named, jump) -> workspaceEdits.accept(w -> AwsEndpoints.withNodes(w, named, AwsEndpoints.keyFilesOf(w, "kops-ec2"), jump)));
        nodes.clusterNameProperty().bindBidirectional(clusterName);
        ClusterMaxPodsViewModel clusterMaxPods = new ClusterMaxPodsViewModel(new FxWork(executor), () -> account.clients().ec2());
        nodes.nodes().addListener((ListChangeListener<io.labbench.aws.ec2.ClusterNode>) c -> clusterMaxPods.show(nodes.nodes()));

        loadBalancers = new LoadBalancersViewModel(new FxWork(executor),
                () -> new LoadBalancerInventory(account.clients().elbv2()), traffic, new DistributionTest());
        IamViewModel iam = new IamViewModel(new FxWork(executor), () -> new ControllerPolicies(account.clients().iam()));
        iam.clusterNameProperty().bindBidirectional(clusterName);
        iam.accountIdProperty().bind(account.accountIdProperty());
        DnsViewModel dns = new DnsViewModel(new FxWork(executor), new FxWork(executor),
                () -> new HostedZoneRecords(account.clients().route53()), () -> new Certificates(account.clients().acm()),
                HostedZoneRecords::resolve);
        cost = new CostGuardViewModel(new FxWork(executor), new FxWork(executor),
                () -> new CostGuard(account.clients().cloudFormation(), account.clients().ec2(), account.clients().elbv2(), PriceTable.usEast1()),
                () -> new StackDeployment(account.clients().cloudFormation(), Duration.ofSeconds(5), Clock.systemUTC()), terminals);
        cost.clusterNameProperty().bindBidirectional(clusterName);

        operations = new AwsLabOperations(region -> factories.apply(new AwsSettings(account.settings().profile(), region,
                account.settings().endpointOverride())), executor, workspaceEdits, Duration.ofSeconds(5));

        pane = new AwsPane(account)
                .addTab("State bucket", AwsTabs.stateBucket(buckets))
                .addTab("Stack", stackTab)
                .addTab("Nodes", AwsPane.nodesView(nodes))
                .addTab("Max pods", AwsTabs.clusterMaxPods(new MaxPodsViewModel(), clusterMaxPods))
                .addTab(LOAD_BALANCERS_TAB, AwsTabs.loadBalancers(loadBalancers))
                .addTab("IAM", AwsTabs.iam(iam))
                .addTab("DNS & TLS", AwsTabs.dns(dns))
                .addTab(COST_GUARD_TAB, AwsTabs.costGuard(cost));
        loadBalancers.shownProperty().bind(pane.showing(LOAD_BALANCERS_TAB));
        // The exit warning only knows what the cost guard last found: check as soon as a stack exists.
        creation.statusProperty().addListener((o, old, status) -> {
            if ("CREATE_COMPLETE".equals(status)) {
                cost.refresh();
            }
        });
    }

    private static Parent templateBar(StackTemplateViewModel template) {
        TextField source = new TextField();
        source.setId("stack-template-source");
        source.textProperty().bindBidirectional(template.sourceProperty());
        HBox.setHgrow(source, Priority.ALWAYS);
        Button load = new Button("Load template");
        load.setId("stack-template-load");
        load.setOnAction(e -> template.load());
        load.disableProperty().bind(template.work().busyProperty());
        Label loaded = new Label();
        loaded.textProperty().bind(template.loadedProperty());
        VBox box = new VBox(4, AwsTabs.row(new Label("Template (URL or file)"), source, load, loaded), AwsTabs.danger(template.work().problemProperty()));
        box.setPadding(new Insets(8));
        return box;
    }

    public AwsAccountViewModel account() {
        return account;
    }

    /** For the exit warning: true while the last cost check found something running. */
    public boolean hasRunningResources() {
        return cost.hasRunningResources();
    }

    /**
     * The main window's close guard: asks "N resources still run…" while the cost guard knows of any.
     * "Open cost guard" selects its tab and runs {@code showWindow} (the host brings this pane forward).
     * On the JavaFX thread.
     *
     * @return true when the window may close
     */
    public boolean mayExit(Window owner, Runnable showWindow) {
        Optional<ExitWarning> warning = ExitWarning.of(cost.resources());
        if (warning.isEmpty()) {
            return true;
        }
        ExitWarning.Choice choice = ExitWarningDialog.ask(owner, warning.get());
        if (choice == ExitWarning.Choice.OPEN_COST_GUARD) {
            pane.select(COST_GUARD_TAB);
            showWindow.run();
        }
        return choice == ExitWarning.Choice.QUIT_ANYWAY;
    }

    /** Brings a tab forward by its title ("Load balancers", "Cost guard", …). */
    public void select(String tabTitle) {
        pane.select(tabTitle);
    }

    /** Stops the live views' background reads (the window is going away). */
    public void close() {
        loadBalancers.close();
    }

    public CostGuardViewModel costGuard() {
        return cost;
    }

    /** The lab file's {@code aws.*} operations, for the lab pane. */
    public LabOperations labOperations() {
        return operations;
    }

    public Parent node() {
        return pane.node();
    }
}
