package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labbench.locallab.kube.api.ResourceCatalog;
import io.labbench.locallab.kube.api.Store;
import io.labbench.locallab.kube.api.kinds.StandardKinds;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targets as the controller registers them: pod IPs and target port (ip), worker IPs and the NodePort (instance). */
class NlbTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabTopology topology = LabTopology.of("lbtunit", "pkos.labbench.test", "t3.medium", "t3.medium", t -> 17);
    private final Store store = new Store(StandardKinds.registry());

    /** A LoadBalancer Service as the API server keeps it (NodePort allocated). */
    private ObjectNode service() throws Exception {
        return store.create(ResourceCatalog.SERVICES, "default", JSON.readTree("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc-nlb-ip-type", "namespace": "default"},
                 "spec": {"type": "LoadBalancer", "selector": {"app": "deploy-websrv"},
                          "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP", "nodePort": 31245}]}}"""));
    }

    @Test
    void instanceTargetsAreTheWorkersWithTheServicesNodePort() throws Exception {
        ObjectNode svc = service();
        int nodePort = 31245; // as the API server allocated it
        List<NlbModel.Target> targets = new NlbTargets(store, topology).of(svc, "instance", 0);
        assertThat(targets).extracting(NlbModel.Target::id).containsExactly(topology.node("worker1").instanceId(),
                topology.node("worker2").instanceId());
        assertThat(targets).allSatisfy(t -> assertThat(t.port()).isEqualTo(nodePort));
        assertThat(targets).extracting(NlbModel.Target::address).containsExactly("172.30.46.72", "172.30.89.212");
        assertThat(targets).extracting(NlbModel.Target::zone).containsExactly("us-east-1a", "us-east-1c");
        assertThat(topology.nodes()).filteredOn(n -> n.role() == LabNode.Role.CONTROL_PLANE).extracting(LabNode::instanceId)
                .doesNotContainAnyElementsOf(targets.stream().map(NlbModel.Target::id).toList());
    }

    @Test
    void ipTargetsAreTheReadyAddressesOfTheEndpointsWithTheirZone() throws Exception {
        ObjectNode svc = service();
        store.create(ResourceCatalog.ENDPOINTS, "default", JSON.readTree("""
                {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "svc-nlb-ip-type", "namespace": "default"},
                 "subsets": [{"addresses": [{"ip": "172.30.45.9", "nodeName": "%s"}, {"ip": "172.30.80.3", "nodeName": "%s"}],
                              "ports": [{"port": 8080, "protocol": "TCP"}]}]}"""
                .formatted(topology.node("worker1").hostname(), topology.node("worker2").hostname())));
        List<NlbModel.Target> targets = new NlbTargets(store, topology).of(svc, "ip", 0);
        assertThat(targets).containsExactly(new NlbModel.Target("172.30.45.9", "172.30.45.9", 8080, "us-east-1a"),
                new NlbModel.Target("172.30.80.3", "172.30.80.3", 8080, "us-east-1c"));
    }
}
