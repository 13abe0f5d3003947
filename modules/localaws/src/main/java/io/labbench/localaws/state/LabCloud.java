package io.labbench.localaws.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab as AWS would describe it. The endpoint asks on every request, so answers follow the lab:
 * re-rolled nodes, ENIs that gained addresses as pods were placed. IDs and ARNs must keep their AWS
 * shapes and stay the same for the life of the lab. Load balancers are empty until a part of the lab
 * provides them. Route 53 and ACM are the two writable parts: {@link #route53()} holds the zones the
 * lab, the learner and ExternalDNS write (listeners hear each change), {@link #acm()} the certificates
 * the learner requests and the lab's NLB serves.
 */
public interface LabCloud {

    String accountId();

    String region();

    /** The IAM user the lab's credentials belong to (for {@code sts get-caller-identity}). */
    String userName();

    List<Instance> instances();

    List<NetworkInterface> networkInterfaces();

    List<InstanceTypeInfo> instanceTypes();

    List<Subnet> subnets();

    List<Vpc> vpcs();

    List<SecurityGroup> securityGroups();

    List<KeyPair> keyPairs();

    List<Stack> stacks();

    List<Bucket> buckets();

    /** The objects the lab itself keeps in a bucket (the kOps state), read fresh each time. */
    List<StoredObject> labObjects(String bucket);

    List<Role> roles();

    /** Route 53's zones and records, writable; {@link Route53Zones#onChange} tells who serves them. */
    Route53Zones route53();

    /** The hosted zones as they are now (a snapshot of {@link #route53()}). */
    default List<HostedZone> hostedZones() {
        return route53().zones();
    }

    /**
     * ACM: the certificates requested in this lab. {@code acm().find(arn)} gives an ISSUED certificate's
     * PEM chain and private key, for the lab's load balancer only.
     */
    AcmCertificates acm();

    default List<LoadBalancer> loadBalancers() {
        return List.of();
    }

    /** The NLBs' listeners (ELBv2), across all load balancers. */
    default List<Listener> listeners() {
        return List.of();
    }

    default List<TargetGroup> targetGroups() {
        return List.of();
    }

    /** Every registered target of every target group with its current health. */
    default List<TargetHealth> targetHealth() {
        return List.of();
    }

    record Tag(String key, String value) {
    }

    record GroupRef(String groupId, String groupName) {
    }

    record Instance(String instanceId, String instanceType, String state, Instant launchTime, String zone, String subnetId,
                    String vpcId, String privateIp, String privateDnsName, Optional<String> publicIp, String imageId,
                    String keyName, List<GroupRef> groups, List<Tag> tags) {
        public Optional<String> tag(String key) {
            return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst();
        }
    }

    /** @param prefixes delegated /28 prefixes, e.g. {@code 172.30.40.16/28} */
    record NetworkInterface(String networkInterfaceId, String subnetId, String vpcId, String zone, String description,
                            String macAddress, String privateIp, String privateDnsName, List<String> secondaryIps,
                            List<String> prefixes, String instanceId, int deviceIndex, String attachmentId,
                            Instant attachTime, List<GroupRef> groups, List<Tag> tags) {
    }

    record InstanceTypeInfo(String name, int vcpus, long memoryMib, int maxEnis, int ipv4PerEni, boolean nitro) {
    }

    record Subnet(String subnetId, String vpcId, String cidr, String zone, int availableIps, List<Tag> tags) {
    }

    record Vpc(String vpcId, String cidr, List<Tag> tags) {
    }

    record SecurityGroup(String groupId, String groupName, String description, String vpcId, List<Tag> tags) {
    }

    record KeyPair(String keyPairId, String keyName, String fingerprint, String keyType) {
    }

    record Output(String key, String value, String description) {
    }

    record StackResource(String logicalId, String physicalId, String type, String status, Instant timestamp) {
    }

    record StackEvent(String eventId, String logicalId, String physicalId, String type, String status, Instant timestamp,
                      String reason) {
    }

    record Stack(String name, String stackId, String description, String status, Instant created,
                 Map<String, String> parameters, List<Output> outputs, List<StackResource> resources, List<StackEvent> events) {
    }

    record Bucket(String name, Instant created) {
    }

    record StoredObject(String key, byte[] content, Instant lastModified) {
    }

    record Role(String name, String roleId, String arn, Instant created) {
    }

    /**
     * A record set. An alias record ({@code A} to a load balancer) is answered with the addresses of
     * {@code alias.dnsName()}; its {@code values} hold that name too, so a reader that knows only values
     * (the VPC resolver: an A value that is a name is an alias) follows it. Route 53's API shows it as
     * an {@code AliasTarget}, without TTL or values.
     */
    record RecordSet(String name, String type, long ttl, List<String> values, Optional<AliasTarget> alias) {
        public RecordSet(String name, String type, long ttl, List<String> values) {
            this(name, type, ttl, values, Optional.empty());
        }

        public static RecordSet alias(String name, String type, AliasTarget target) {
            return new RecordSet(name, type, 0, List.of(target.dnsName()), Optional.of(target));
        }
    }

    /** @param hostedZoneId the target's zone, e.g. an NLB's canonical zone {@code Z26RNL4JYFTOTI} in us-east-1 */
    record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    }

    /** @param zoneId e.g. {@code Z0123456789ABCDEFGHIJ} (without the {@code /hostedzone/} prefix) */
    record HostedZone(String zoneId, String name, List<RecordSet> records) {
    }

    /**
     * An ELBv2 load balancer. {@code zones} holds one entry per AZ subnet with the address the load
     * balancer's node takes there: what its DNS name resolves to.
     */
    record LoadBalancer(String name, String arn, String dnsName, String type, String scheme, String state, String vpcId,
                        List<ZoneAddress> zones, Instant created) {
        public List<String> addresses() {
            return zones.stream().map(ZoneAddress::privateIp).toList();
        }
    }

    record ZoneAddress(String zone, String subnetId, String privateIp) {
    }

    /** @param certificateArn the ACM certificate of a TLS listener */
    record Listener(String arn, String loadBalancerArn, int port, String protocol, Optional<String> certificateArn,
                    String targetGroupArn) {
    }

    /**
     * @param port a number, or {@code traffic-port}
     * @param path the request path of an HTTP or HTTPS check ({@code /healthz} for kube-proxy's health check node
     *             port); empty for a TCP check, which ELBv2 describes without {@code HealthCheckPath}
     */
    record HealthCheck(String protocol, String port, String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
                       int unhealthyThreshold) {
    }

    /** @param targetType {@code ip} or {@code instance} */
    record TargetGroup(String arn, String name, String protocol, int port, String targetType, String vpcId,
                       String loadBalancerArn, HealthCheck healthCheck) {
    }

    /**
     * @param targetId a pod IP (ip targets) or an instance id (instance targets)
     * @param state    {@code initial}, {@code healthy}, {@code unhealthy} or {@code draining}
     * @param reason   e.g. {@code Elb.RegistrationInProgress}; empty when healthy
     */
    record TargetHealth(String targetGroupArn, String targetId, int port, String zone, String state, String reason,
                        String description) {
    }

}
