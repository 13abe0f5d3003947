package io.labbench.localaws;

import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small lab for the endpoint's own tests: one node whose ENI gains addresses when {@link #placePod} runs. */
final class SampleCloud implements LabCloud {

    static final Instant BORN = Instant.parse("2026-12-07T01:00:00Z");
    final List<String> secondaryIps = new ArrayList<>(List.of("172.30.40.11"));
    volatile String instanceType = "t3.medium";

    void placePod(String ip) {
        secondaryIps.add(ip);
    }

    @Override public String accountId() { return "123456789012"; }
    @Override public String region() { return "us-east-1"; }
    @Override public String userName() { return "labbench"; }

    @Override
    public List<Instance> instances() {
        return List.of(new Instance("i-0abc1234567890def", instanceType, "running", BORN, "us-east-1a", "subnet-0aaa", "vpc-0bbb",
                "172.30.46.72", "ip-172-30-46-72.ec2.internal", Optional.empty(), "ami-0123", "kp-lab",
                List.of(new GroupRef("sg-0ccc", "nodes.pkos.labbench.test")),
                List.of(new Tag("Name", "nodes-us-east-1a.pkos.labbench.test"), new Tag("KubernetesCluster", "pkos.labbench.test"))));
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return List.of(new NetworkInterface("eni-0ddd", "subnet-0aaa", "vpc-0bbb", "us-east-1a", "", "02:00:00:00:00:01",
                "172.30.46.72", "ip-172-30-46-72.ec2.internal", List.copyOf(secondaryIps), List.of(), "i-0abc1234567890def", 0,
                "eni-attach-0ddd", BORN, List.of(new GroupRef("sg-0ccc", "nodes.pkos.labbench.test")), List.of()));
    }

    @Override
    public List<InstanceTypeInfo> instanceTypes() {
        return List.of(new InstanceTypeInfo("t3.medium", 2, 4096, 3, 6, true), new InstanceTypeInfo("c5.large", 2, 4096, 3, 10, true),
                new InstanceTypeInfo("t2.medium", 2, 4096, 3, 6, false));
    }

    @Override public List<Subnet> subnets() { return List.of(new Subnet("subnet-0aaa", "vpc-0bbb", "172.30.32.0/19", "us-east-1a", 8000, List.of())); }
    @Override public List<Vpc> vpcs() { return List.of(new Vpc("vpc-0bbb", "172.30.0.0/16", List.of())); }
    @Override public List<SecurityGroup> securityGroups() { return List.of(new SecurityGroup("sg-0ccc", "nodes.pkos.labbench.test", "nodes", "vpc-0bbb", List.of())); }
    @Override public List<KeyPair> keyPairs() { return List.of(new KeyPair("key-0eee", "kp-lab", "ab:cd", "rsa")); }

    @Override
    public List<Stack> stacks() {
        return List.of(new Stack("mykops", "arn:aws:cloudformation:us-east-1:123456789012:stack/mykops/1", "kops-ec2", "CREATE_COMPLETE",
                BORN, Map.of("KeyName", "kp-lab"), List.of(new Output("eksctlhost", "172.30.32.10", "bastion")),
                List.of(new StackResource("MyVPC", "vpc-0bbb", "AWS::EC2::VPC", "CREATE_COMPLETE", BORN)),
                List.of(new StackEvent("e1", "mykops", "arn:x", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", BORN, ""))));
    }

    @Override public List<Bucket> buckets() { return List.of(new Bucket("pkos-state", BORN)); }

    @Override
    public List<StoredObject> labObjects(String bucket) {
        return bucket.equals("pkos-state") ? List.of(new StoredObject("pkos.labbench.test/config",
                ("spec:\n  kubernetesVersion: 1.24.10\n  instanceType: " + instanceType + "\n").getBytes(StandardCharsets.UTF_8), BORN)) : List.of();
    }

    @Override public List<Role> roles() { return List.of(new Role("nodes.pkos.labbench.test", "AROA000000000000000NODES", "arn:aws:iam::123456789012:role/nodes.pkos.labbench.test", BORN)); }

    final Route53Zones route53 = new Route53Zones();
    final AcmCertificates acm = new AcmCertificates("123456789012", "us-east-1", new TestCa(), route53, java.time.Clock.systemUTC());

    SampleCloud() {
        route53.add("Z0LAB00000000000000", "labbench.test.", List.of(new RecordSet("api.pkos.labbench.test.", "A", 60, List.of("172.30.37.165"))));
    }

    @Override
    public Route53Zones route53() {
        return route53;
    }

    @Override
    public AcmCertificates acm() {
        return acm;
    }

    /** Load balancers a test puts here, as the lab's NLB controller would. */
    final io.labbench.localaws.state.Elbv2State elbv2 = new io.labbench.localaws.state.Elbv2State();

    @Override public List<LoadBalancer> loadBalancers() { return elbv2.loadBalancers(); }
    @Override public List<Listener> listeners() { return elbv2.listeners(); }
    @Override public List<TargetGroup> targetGroups() { return elbv2.targetGroups(); }
    @Override public List<TargetHealth> targetHealth() { return elbv2.targetHealth(); }
}
