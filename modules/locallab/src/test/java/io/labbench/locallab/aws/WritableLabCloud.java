package io.labbench.locallab.aws;

import io.labbench.localaws.state.LabCloud;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** The parts of the lab's AWS state that the NLB and Route 53 write, held in memory, with a change signal. */
public final class WritableLabCloud implements LabCloud {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<LoadBalancer> loadBalancers = List.of();
    private volatile List<HostedZone> zones = List.of();

    public void loadBalancer(String dnsName, List<String> ips) {
        loadBalancer(dnsName, ips, "active");
    }

    /** @param state {@code provisioning} or {@code active}, as ELBv2 reports it */
    public void loadBalancer(String dnsName, List<String> ips, String state) {
        loadBalancers = List.of(new LoadBalancer("svc-nlb", "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/x/y",
                dnsName, "network", "internet-facing", state, "vpc-1",
                ips.stream().map(ip -> new ZoneAddress("us-east-1a", "subnet-1", ip)).toList(), java.time.Instant.now()));
    }

    public void zone(String name, List<RecordSet> records) {
        zones = List.of(new HostedZone("Z0TEST", name, records));
    }

    /** Tells the listeners, as a writer of the lab's state does after each write. */
    public void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The resolver's source over this state, with its addresses and change signal. */
    public LabCloudNames names() {
        return new LabCloudNames(this, LoadBalancer::addresses, listeners::add);
    }

    @Override
    public List<LoadBalancer> loadBalancers() {
        return loadBalancers;
    }

    @Override
    public List<HostedZone> hostedZones() {
        return zones;
    }

    @Override
    public String accountId() {
        return "123456789012";
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public String userName() {
        return "test";
    }

    @Override
    public List<Instance> instances() {
        return List.of();
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return List.of();
    }

    @Override
    public List<InstanceTypeInfo> instanceTypes() {
        return List.of();
    }

    @Override
    public List<Subnet> subnets() {
        return List.of();
    }

    @Override
    public List<Vpc> vpcs() {
        return List.of();
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return List.of();
    }

    @Override
    public List<KeyPair> keyPairs() {
        return List.of();
    }

    @Override
    public List<Stack> stacks() {
        return List.of();
    }

    @Override
    public List<Bucket> buckets() {
        return List.of();
    }

    @Override
    public List<StoredObject> labObjects(String bucket) {
        return List.of();
    }

    @Override
    public io.labbench.localaws.state.Route53Zones route53() {
        return new io.labbench.localaws.state.Route53Zones();
    }

    @Override
    public io.labbench.localaws.state.AcmCertificates acm() {
        throw new UnsupportedOperationException("the resolver's tests need no ACM");
    }

    @Override
    public List<Role> roles() {
        return List.of();
    }
}
