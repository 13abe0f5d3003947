package io.labbench.aws.ec2;

import static io.labbench.aws.testing.FakeAwsEndpoint.ec2Error;
import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.AwsFailure;
import io.labbench.aws.AwsProblem;
import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.cluster.vpccni.MaxPodsCalculator;
import io.labbench.aws.testing.Ec2Xml;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterNodesAndMaxPodsTest {

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void discoversTheStudysNodesAndNamesThemLikeTheTerminals() throws Exception {
        // The fake cannot filter, so it answers the cluster query and the bastion query in turn.
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")),
                xml(resource("ec2-describe-instances-bastion.xml")));
        List<ClusterNode> nodes = new ClusterNodeDiscovery(clients.ec2()).nodes("ejpark.link");

        Map<String, ClusterNode> named = ClusterNodeDiscovery.byTerminalName(nodes);
        assertThat(named.keySet()).containsExactly("master", "worker1", "worker2", "kops-ec2");
        assertThat(named.get("master").privateIp()).isEqualTo("172.30.47.189");
        assertThat(named.get("worker1").privateIp()).isEqualTo("172.30.62.109");
        assertThat(named.get("worker1").availabilityZone()).isEqualTo("ap-northeast-2a");
        assertThat(named.get("worker2").publicIp()).contains("43.201.25.172");
        assertThat(named.get("worker2").instanceType()).isEqualTo("c5d.large");
        assertThat(named.get("kops-ec2").publicIp()).contains("3.80.146.2");

        FakeAwsEndpoint.Request clusterQuery = aws.requests("DescribeInstances").get(0);
        assertThat(clusterQuery.params()).containsEntry("Filter.1.Name", "tag:KubernetesCluster")
                .containsEntry("Filter.1.Value.1", "ejpark.link")
                .containsEntry("Filter.2.Name", "instance-state-name");
        assertThat(aws.requests("DescribeInstances").get(1).params()).containsEntry("Filter.1.Name", "tag:Name")
                .containsEntry("Filter.1.Value.1", "kops-ec2");
    }

    @Test
    void mapsBotocoresRealDescribeInstancesResponse() throws Exception {
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances.xml")), xml("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><reservationSet/></DescribeInstancesResponse>"));
        List<ClusterNode> nodes = new ClusterNodeDiscovery(clients.ec2()).nodes("any");
        assertThat(nodes).isNotEmpty();
        assertThat(nodes).extracting(ClusterNode::instanceId).contains("i-fde9cece");
        assertThat(nodes).filteredOn(n -> n.instanceId().equals("i-fde9cece")).singleElement()
                .satisfies(n -> assertThat(n.state()).isEqualTo("stopped"));
    }

    @Test
    void expiredCredentialsAreExplained() {
        aws.on("DescribeInstances", ec2Error(400, "RequestExpired", "Request has expired."));
        aws.on("DescribeInstanceTypes", ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials"));
        assertThatThrownBy(() -> new ClusterNodeDiscovery(clients.ec2()).nodes("c"))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.problem().kind()).isEqualTo(AwsProblem.Kind.EXPIRED_CREDENTIALS));
    }

    @Test
    void liveInstanceTypeLimitsFeedTheCalculator() throws Exception {
        String cliJson = QueryXml.cliExampleJson(resource("describe-instance-types.rst"), 0);
        aws.on("DescribeInstanceTypes", xml(Ec2Xml.response("DescribeInstanceTypes", cliJson, Map.of("InstanceTypes", "instanceTypeSet"))));
        Map<String, InstanceType> limits = Ec2InstanceTypes.describe(clients.ec2(), List.of("t2.micro"));
        // EC2's answer is the offline table's row: 2 ENIs of 2 addresses, 1 vCPU, 1 GiB, Xen (no prefix delegation)
        assertThat(limits.get("t2.micro")).isEqualTo(new InstanceType("t2.micro", 2, 2, 1, 1024, false))
                .isEqualTo(InstanceTypeCatalog.builtIn().require("t2.micro"));
        assertThat(aws.requests("DescribeInstanceTypes").get(0).params()).containsEntry("InstanceType.1", "t2.micro");
        // 2 ENIs × (2 − 1) + 2 = 4, which is what AWS publishes for t2.micro
        assertThat(MaxPodsCalculator.compute(limits.get("t2.micro"), MaxPodsCalculator.Mode.SECONDARY_IP, OptionalInt.empty()).effective())
                .isEqualTo(4).isEqualTo(InstanceTypeCatalog.builtIn().publishedMaxPods("t2.micro").getAsInt());
    }
}
