package io.labbench.app.aws;

import io.labbench.aws.ec2.ClusterNode;
import io.labbench.aws.ec2.ClusterNodeDiscovery;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster's EC2 instances as a table; "Use these nodes" hands the named nodes (kops-ec2,
 * master, worker1, worker2) and the jump-or-public-IP choice to the workspace, which makes them
 * endpoints and fills W1PIP/W2PIP.
 */
public final class ClusterNodesViewModel {

    private final StringProperty clusterName = new SimpleStringProperty(this, "clusterName", "");
    private final ObservableList<ClusterNode> nodes = FXCollections.observableArrayList();
    private final BooleanProperty jumpThroughKopsEc2 = new SimpleBooleanProperty(this, "jumpThroughKopsEc2", true);
    private final FxWork work;
    private final Supplier<ClusterNodeDiscovery> discovery;
    private final BiConsumer<Map<String, ClusterNode>, Boolean> useNodes;

    public ClusterNodesViewModel(FxWork work, Supplier<ClusterNodeDiscovery> discovery,
                                 BiConsumer<Map<String, ClusterNode>, Boolean> useNodes) {
        this.work = work;
        this.discovery = discovery;
        this.useNodes = useNodes;
    }

    public StringProperty clusterNameProperty() {
        return clusterName;
    }

    public ObservableList<ClusterNode> nodes() {
        return nodes;
    }

    /** SSH to the nodes through kops-ec2 (true, the default) or straight to their public IPs. */
    public BooleanProperty jumpThroughKopsEc2Property() {
        return jumpThroughKopsEc2;
    }

    public FxWork work() {
        return work;
    }

    public void discover() {
        work.submit(() -> discovery.get().nodes(clusterName.get().trim()), nodes::setAll);
    }

    public void useTheseNodes() {
        useNodes.accept(ClusterNodeDiscovery.byTerminalName(nodes), jumpThroughKopsEc2.get());
    }
}
