package io.labbench.locallab.aws;

import io.labbench.localaws.state.AcmCertificates;
import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.localaws.state.LabCloud;
import io.labbench.localaws.state.Route53Zones;
import io.labbench.locallab.settings.LabSettings;
import io.labbench.locallab.net.EniState;
import io.labbench.cluster.vpccni.InstanceType;
import io.labbench.cluster.vpccni.InstanceTypeCatalog;
import io.labbench.locallab.net.Ipv4;
import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;

import io.labbench.locallab.net.VpcCniPodNetwork;
import io.labbench.locallab.inet.PublicAddresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running lab in AWS's terms, read anew for every request: the four machines as EC2 instances
 * with kOps's tags, each node's ENIs with the secondary IPs and /28 prefixes ipamd holds right now,
 * the VPC and subnets, the {@code mkops} stack that "created" kops-ec2, the kOps state bucket whose
 * objects are the cluster's live spec, the kOps IAM roles and the cluster's DNS zone.
 */
final class LabCloudView implements LabCloud {

    static final String STACK_NAME = "mykops";
    static final String KEY_NAME = "labbench";

    private final LabSettings settings;
    private final LabTopology topology;
    private final Supplier<Optional<VpcCniPodNetwork>> podNetwork;
    private final KopsClusterState kops;
    private final Instant launched;
    private final LabAwsIds ids;
    private final io.labbench.localaws.state.Elbv2State elbv2 = new io.labbench.localaws.state.Elbv2State();
    private final Route53Zones route53;
    private final AcmCertificates acm;

    LabCloudView(LabSettings settings, LabTopology topology, Supplier<Optional<VpcCniPodNetwork>> podNetwork, KopsClusterState kops,
                 Instant launched, CertificateIssuer ca) {
        this.settings = settings;
        this.topology = topology;
        this.podNetwork = podNetwork;
        this.kops = kops;
        this.launched = launched;
        this.ids = new LabAwsIds(settings.prefix());
        this.route53 = new Route53Zones(java.time.Clock.systemUTC(), settings.prefix());
        this.acm = new AcmCertificates(accountId(), region(), ca, route53, java.time.Clock.systemUTC());
        // the learner's zones and certificates outlive a re-roll, as they outlive a cluster on AWS
        SavedAwsState saved = new SavedAwsState(savedStateDir(settings));
        saved.restore(route53, acm);
        clusterZone();
        saved.keep(route53, acm);
    }

    /** Where the lab keeps its Route 53 zones and ACM certificates between labs ({@link SavedAwsState}). */
    static java.nio.file.Path savedStateDir(LabSettings settings) {
        return settings.stateRoot().resolve(settings.prefix() + "-aws-state");
    }

    /** The zone of the learner's default domain, {@code MyDomain}: the cluster's name, as in the study. */
    String clusterZoneId() {
        return "Z0" + ids.upper("zone", 19);
    }

    /** What the lab's NLB controller builds; the endpoint answers ELBv2 calls from it. */
    io.labbench.localaws.state.Elbv2State elbv2() {
        return elbv2;
    }

    @Override
    public List<LoadBalancer> loadBalancers() {
        return elbv2.loadBalancers();
    }

    @Override
    public List<Listener> listeners() {
        return elbv2.listeners();
    }

    @Override
    public List<TargetGroup> targetGroups() {
        return elbv2.targetGroups();
    }

    @Override
    public List<TargetHealth> targetHealth() {
        return elbv2.targetHealth();
    }

    /** The kOps state bucket, named per lab like a study learner names theirs. */
    static String stateBucket(String prefix) {
        return LabTopology.kopsStateBucket(prefix);
    }

    @Override
    public String accountId() {
        return ids.accountId();
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public String userName() {
        return "labbench-" + settings.prefix();
    }

    private String vpcId() {
        return ids.id("vpc", "main");
    }

    private String subnetId(io.labbench.locallab.net.Subnet subnet) {
        return ids.id("subnet", subnet.zone());
    }

    private List<GroupRef> groups(LabNode node) {
        return switch (node.role()) {
            case BASTION -> List.of(new GroupRef(ids.id("sg", "kops-ec2"), STACK_NAME + "-KOPSEC2SG"));
            case CONTROL_PLANE -> List.of(new GroupRef(ids.id("sg", "masters"), "masters." + settings.clusterName()));
            case WORKER -> List.of(new GroupRef(ids.id("sg", "nodes"), "nodes." + settings.clusterName()));
        };
    }

    private List<Tag> tags(LabNode node) {
        String cluster = settings.clusterName();
        if (node.role() == LabNode.Role.BASTION) {
            return List.of(new Tag("Name", "kops-ec2"), new Tag("aws:cloudformation:stack-name", STACK_NAME),
                    new Tag("aws:cloudformation:logical-id", "KOPSEC2"));
        }
        boolean master = node.role() == LabNode.Role.CONTROL_PLANE;
        String group = KopsSpecs.groupName(node);
        String asg = group + (master ? ".masters." : ".") + cluster;
        return List.of(new Tag("Name", asg), new Tag("KubernetesCluster", cluster),
                new Tag("aws:autoscaling:groupName", asg), new Tag("k8s.io/role/" + (master ? "master" : "node"), "1"),
                new Tag("kops.k8s.io/instancegroup", group), new Tag("kubernetes.io/cluster/" + cluster, "owned"));
    }

    @Override
    public List<Instance> instances() {
        List<Instance> instances = new ArrayList<>();
        // what the internet stand-in's Internet Gateway maps each machine to (the same addresses `lab status` shows)
        Map<String, String> publicIps = PublicAddresses.of(topology);
        for (LabNode node : topology.nodes()) {
            instances.add(new Instance(node.instanceId(), node.instanceType().name(), "running", launched, node.subnet().zone(),
                    subnetId(node.subnet()), vpcId(), node.ip().toString(), node.ip().ec2Hostname() + ".ec2.internal",
                    Optional.ofNullable(publicIps.get(node.name())),
                    "ami-0" + ids.id("ami", "ubuntu-focal").substring(5), KEY_NAME, groups(node), tags(node)));
        }
        return instances;
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        List<NetworkInterface> enis = new ArrayList<>();
        Optional<VpcCniPodNetwork> network = podNetwork.get();
        for (LabNode node : topology.nodes()) {
            List<EniState> states = node.isKubernetesNode() && network.isPresent() ? network.get().enis(node.name())
                    : List.of(new EniState(0, "ens5", node.ip(), List.of(), List.of()));
            for (EniState eni : states) {
                String id = ids.id("eni", node.name() + "/" + eni.deviceIndex());
                boolean primary = eni.deviceIndex() == 0;
                // the VPC CNI describes and tags the ENIs it attaches; the primary one comes with the instance
                String description = primary ? "" : "aws-K8S-" + node.instanceId();
                List<Tag> tags = primary ? List.of() : List.of(new Tag("node.k8s.amazonaws.com/instance_id", node.instanceId()),
                        new Tag("cluster.k8s.amazonaws.com/name", settings.clusterName()));
                enis.add(new NetworkInterface(id, subnetId(node.subnet()), vpcId(), node.subnet().zone(), description,
                        ids.mac(node.name() + "/" + eni.deviceIndex()), eni.primaryIp().toString(),
                        eni.primaryIp().ec2Hostname() + ".ec2.internal", eni.secondaryIps().stream().map(Ipv4::toString).toList(),
                        eni.prefixes().stream().map(p -> p + "/28").toList(), node.instanceId(), eni.deviceIndex(),
                        "eni-attach-0" + id.substring(5), launched, groups(node), tags));
            }
        }
        return enis;
    }

    @Override
    public List<InstanceTypeInfo> instanceTypes() {
        List<InstanceTypeInfo> types = new ArrayList<>();
        for (InstanceType t : InstanceTypeCatalog.builtIn().types().values()) {
            types.add(new InstanceTypeInfo(t.name(), t.vcpus(), t.memoryMib(), t.maxEnis(), t.ipv4PerEni(), t.nitro()));
        }
        return types;
    }

    @Override
    public List<Subnet> subnets() {
        List<Subnet> subnets = new ArrayList<>();
        for (io.labbench.locallab.net.Subnet s : topology.subnets()) {
            long used = topology.nodes().stream().filter(n -> n.subnet().equals(s)).count();
            subnets.add(new Subnet(subnetId(s), vpcId(), s.cidr(), s.zone(), (int) (s.size() - 5 - used),
                    List.of(new Tag("Name", STACK_NAME + "-PublicSubnet-" + s.zone()),
                            new Tag("kubernetes.io/cluster/" + settings.clusterName(), "shared"))));
        }
        return subnets;
    }

    @Override
    public List<Vpc> vpcs() {
        return List.of(new Vpc(vpcId(), LabTopology.VPC_CIDR, List.of(new Tag("Name", STACK_NAME + "-VPC"))));
    }

    @Override
    public List<SecurityGroup> securityGroups() {
        return topology.nodes().stream().map(n -> groups(n).get(0)).distinct()
                .map(g -> new SecurityGroup(g.groupId(), g.groupName(), "Security group for " + g.groupName(), vpcId(), List.of())).toList();
    }

    @Override
    public List<KeyPair> keyPairs() {
        String fp = ids.upper("key-fingerprint", 32).toLowerCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
        return List.of(new KeyPair(ids.id("key", KEY_NAME), KEY_NAME, fp, "rsa"));
    }

    @Override
    public List<Stack> stacks() {
        String stackId = "arn:aws:cloudformation:us-east-1:" + accountId() + ":stack/" + STACK_NAME + "/"
                + java.util.UUID.nameUUIDFromBytes((settings.prefix() + "/stack").getBytes(StandardCharsets.UTF_8));
        LabNode bastion = topology.bastion();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("KeyName", KEY_NAME);
        parameters.put("SgIngressSshCidr", "0.0.0.0/0");
        parameters.put("MyInstanceType", bastion.instanceType().name());
        parameters.put("ClusterBaseName", settings.clusterName());
        parameters.put("S3StateStore", stateBucket(settings.prefix()));
        parameters.put("MasterNodeInstanceType", settings.controlPlaneInstanceType());
        parameters.put("WorkerNodeInstanceType", settings.nodesInstanceType());
        parameters.put("WorkerNodeCount", Long.toString(topology.nodes().stream().filter(n -> n.role() == LabNode.Role.WORKER).count()));
        parameters.put("VpcBlock", LabTopology.VPC_CIDR);
        parameters.put("TargetRegion", "us-east-1");
        parameters.put("AvailabilityZone1", topology.subnets().get(0).zone());
        parameters.put("AvailabilityZone2", topology.subnets().get(1).zone());
        List<StackResource> resources = new ArrayList<>();
        resources.add(new StackResource("MyVPC", vpcId(), "AWS::EC2::VPC", "CREATE_COMPLETE", launched));
        for (io.labbench.locallab.net.Subnet s : topology.subnets()) {
            resources.add(new StackResource("MyPublicSN" + s.zone().substring(s.zone().length() - 1).toUpperCase(java.util.Locale.ROOT),
                    subnetId(s), "AWS::EC2::Subnet", "CREATE_COMPLETE", launched));
        }
        resources.add(new StackResource("KOPSEC2SG", groups(bastion).get(0).groupId(), "AWS::EC2::SecurityGroup", "CREATE_COMPLETE", launched));
        resources.add(new StackResource("KOPSEC2", bastion.instanceId(), "AWS::EC2::Instance", "CREATE_COMPLETE", launched));
        List<StackEvent> events = new ArrayList<>();
        // newest first, as DescribeStackEvents lists them
        int n = 0;
        events.add(new StackEvent(ids.id("event", "stack-complete"), STACK_NAME, stackId, "AWS::CloudFormation::Stack", "CREATE_COMPLETE",
                launched.plusSeconds(resources.size() * 2L + 1), ""));
        for (int i = resources.size() - 1; i >= 0; i--) {
            StackResource r = resources.get(i);
            events.add(new StackEvent(ids.id("event", r.logicalId() + "/complete"), r.logicalId(), r.physicalId(), r.type(), "CREATE_COMPLETE",
                    launched.plusSeconds(i * 2L + 1), ""));
            events.add(new StackEvent(ids.id("event", r.logicalId() + "/start"), r.logicalId(), r.physicalId(), r.type(), "CREATE_IN_PROGRESS",
                    launched.plusSeconds(i * 2L), n++ == 0 ? "" : "Resource creation Initiated"));
        }
        events.add(new StackEvent(ids.id("event", "stack-start"), STACK_NAME, stackId, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS",
                launched, "User Initiated"));
        List<Output> outputs = List.of(new Output("KOPSEC2IP", bastion.ip().toString(), "kops-ec2 address (in the local lab, its VPC address)"));
        return List.of(new Stack(STACK_NAME, stackId, "PKOS week 2: kops-ec2, the kOps bastion (the local lab)", "CREATE_COMPLETE",
                launched, parameters, outputs, resources, events));
    }

    @Override
    public List<Bucket> buckets() {
        return List.of(new Bucket(stateBucket(settings.prefix()), launched));
    }

    @Override
    public List<StoredObject> labObjects(String bucket) {
        if (!bucket.equals(stateBucket(settings.prefix()))) {
            return List.of();
        }
        String base = settings.clusterName() + "/";
        List<StoredObject> objects = new ArrayList<>();
        objects.add(new StoredObject(base + "config", kops.clusterYaml().getBytes(StandardCharsets.UTF_8), launched));
        kops.groupYaml().forEach((name, yaml) -> objects.add(new StoredObject(base + "instancegroup/" + name,
                yaml.getBytes(StandardCharsets.UTF_8), launched)));
        return objects;
    }

    @Override
    public List<Role> roles() {
        return List.of("masters", "nodes").stream().map(r -> new Role(r + "." + settings.clusterName(), "AROA" + ids.upper("role/" + r, 17),
                "arn:aws:iam::" + accountId() + ":role/" + r + "." + settings.clusterName(), launched)).toList();
    }

    @Override
    public Route53Zones route53() {
        return route53;
    }

    @Override
    public AcmCertificates acm() {
        return acm;
    }

    /** Seeds the cluster's zone with the records kOps's dns-controller keeps in it. */
    private void clusterZone() {
        String cluster = settings.clusterName();
        // as in the study, the cluster's name is the public domain whose zone kOps writes its records into
        String zone = cluster + ".";
        String master = topology.kubernetesNodes().stream().filter(n -> n.role() == LabNode.Role.CONTROL_PLANE).findFirst()
                .map(n -> n.ip().toString()).orElseThrow();
        List<RecordSet> records = List.of(new RecordSet("api." + cluster + ".", "A", 60, List.of(master)),
                new RecordSet("api.internal." + cluster + ".", "A", 60, List.of(master)),
                new RecordSet("kops-controller.internal." + cluster + ".", "A", 60, List.of(master)));
        route53.seed(clusterZoneId(), zone, records);
    }
}
