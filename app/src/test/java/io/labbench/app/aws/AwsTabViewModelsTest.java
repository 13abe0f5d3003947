package io.labbench.app.aws;

import static io.labbench.aws.testing.FakeAwsEndpoint.json;
import static io.labbench.aws.testing.FakeAwsEndpoint.queryError;
import static io.labbench.aws.testing.FakeAwsEndpoint.resource;
import static io.labbench.aws.testing.FakeAwsEndpoint.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.labbench.app.shell.TerminalDirectory;
import io.labbench.aws.AwsClientFactory;
import io.labbench.aws.cfn.StackDeployment;
import io.labbench.aws.cost.CostGuard;
import io.labbench.aws.cost.PriceTable;
import io.labbench.aws.cost.RunningResource;
import io.labbench.aws.dns.Certificates;
import io.labbench.aws.dns.HostedZoneRecords;
import io.labbench.aws.ec2.ClusterNode;
import io.labbench.aws.ec2.ClusterNodeDiscovery;
import io.labbench.sessions.SshEndpoint;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import io.labbench.aws.elb.DistributionTest;
import io.labbench.aws.elb.LoadBalancerInventory;
import io.labbench.aws.iam.ControllerPolicies;
import io.labbench.aws.iam.PolicyAttachmentPlan;
import io.labbench.aws.s3.StateBucketService;
import io.labbench.aws.testing.Ec2Xml;
import io.labbench.aws.testing.FakeAwsEndpoint;
import io.labbench.aws.testing.QueryXml;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The AWS pane's tabs without a screen: each view-model against the local endpoint speaking AWS's
 * wire formats, asserting what is sent and what the learner reads, failures included.
 */
@ExtendWith(ApplicationExtension.class)
class AwsTabViewModelsTest {

    private static final String ELB = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String CFN = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final FakeAwsEndpoint aws = new FakeAwsEndpoint();
    private final AwsClientFactory clients = aws.clients();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
        clients.close();
        aws.close();
    }

    private FxWork work() {
        return new FxWork(executor);
    }

    static void await(String what, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }

    static void fx(Runnable run) throws Exception {
        WaitForAsyncUtils.asyncFx(run).get(30, TimeUnit.SECONDS);
    }

    @Test
    void identityProblemsReadAsTheLearnerNeedsThem() throws Exception {
        aws.on("GetCallerIdentity", queryError(403, "ExpiredToken", "The security token included in the request is expired"));
        AwsAccountViewModel account = onFx(() -> new AwsAccountViewModel(s -> aws.clients(), work()));
        fx(account::checkIdentity);
        await("expired", () -> !account.work().problemProperty().get().isEmpty());
        assertThat(account.work().problemProperty().get()).startsWith("Your AWS credentials have expired")
                .contains("aws sso login").contains("ExpiredToken");
        assertThat(account.identityProperty().get()).isEqualTo("Not connected");

        FakeAwsEndpoint denied = new FakeAwsEndpoint();
        try {
            denied.on("GetCallerIdentity", queryError(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/student is not authorized to perform: sts:GetCallerIdentity"));
            AwsAccountViewModel other = onFx(() -> new AwsAccountViewModel(s -> denied.clients(), work()));
            fx(other::checkIdentity);
            await("denied", () -> !other.work().problemProperty().get().isEmpty());
            assertThat(other.work().problemProperty().get()).startsWith("AWS refused the request: User: arn:aws:iam::123456789012:user/student is not authorized");
        } finally {
            denied.close();
        }

        FakeAwsEndpoint fine = new FakeAwsEndpoint();
        try {
            fine.on("GetCallerIdentity", xml(QueryXml.response("GetCallerIdentity", "https://sts.amazonaws.com/doc/2011-06-15/",
                    "{\"UserId\":\"AIDASAMPLE\",\"Account\":\"123456789012\",\"Arn\":\"arn:aws:iam::123456789012:user/student\"}")));
            AwsAccountViewModel ok = onFx(() -> new AwsAccountViewModel(s -> fine.clients(), work()));
            fx(ok::checkIdentity);
            await("identity", () -> ok.identityProperty().get().startsWith("Account"));
            assertThat(ok.identityProperty().get()).isEqualTo("Account 123456789012 as arn:aws:iam::123456789012:user/student");
            assertThat(ok.accountIdProperty().get()).isEqualTo("123456789012");
        } finally {
            fine.close();
        }
    }

    @Test
    void stateBucketValidatesBeforeSendingThenCreatesAndLists() throws Exception {
        StateBucketViewModel vm = onFx(() -> new StateBucketViewModel(work(), () -> new StateBucketService(clients.s3(), "us-east-1")));
        fx(() -> vm.bucketNameProperty().set("My_Bucket"));
        assertThat(vm.nameProblemsProperty().get()).contains("Only lowercase letters, digits, dots (.) and hyphens (-) are allowed.");
        fx(vm::create);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(aws.requests()).as("an invalid name is never sent").isEmpty();

        aws.on("PUT /pkos-state-store", new FakeAwsEndpoint.Answer(200, "application/xml", ""));
        aws.on("GET /", xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>bcaf1ffd86f461ca5fb16fd081034f</ID></Owner><Buckets>"
                + "<Bucket><Name>pkos-state-store</Name><CreationDate>2023-01-24T10:00:00.000Z</CreationDate></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>"));
        fx(() -> vm.bucketNameProperty().set("pkos-state-store"));
        assertThat(vm.nameProblemsProperty().get()).isEmpty();
        fx(vm::create);
        await("created", () -> vm.resultProperty().get().startsWith("Created"));
        assertThat(vm.buckets()).containsExactly("pkos-state-store");
        assertThat(vm.resultProperty().get()).contains("KOPS_STATE_STORE=s3://pkos-state-store");
        assertThat(aws.requests("PUT /pkos-state-store")).hasSize(1);
    }

    private static final String NLB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/k8s-default-svcnlbip-53cb8f2a35/6c3f0a1b2c3d4e5f";
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-default-svcnlbip-b5e5e1e1f4/0a1b2c3d4e5f6a7b";

    private void nlbWithTargets(String secondState, String secondReason) {
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB,
                "{\"LoadBalancers\":[{\"LoadBalancerName\":\"k8s-default-svcnlbip-53cb8f2a35\",\"Type\":\"network\",\"Scheme\":\"internet-facing\","
                        + "\"LoadBalancerArn\":\"" + NLB_ARN + "\","
                        + "\"AvailabilityZones\":[{\"ZoneName\":\"us-east-1a\",\"SubnetId\":\"subnet-0a\",\"LoadBalancerAddresses\":[{\"PrivateIPv4Address\":\"172.30.40.10\"}]},"
                        + "{\"ZoneName\":\"us-east-1c\",\"SubnetId\":\"subnet-0c\",\"LoadBalancerAddresses\":[{\"PrivateIPv4Address\":\"172.30.70.10\"}]}],"
                        + "\"DNSName\":\"k8s-default-svcnlbip-53cb8f2a35-1.elb.us-east-1.amazonaws.com\",\"State\":{\"Code\":\"active\"}}]}")));
        aws.on("DescribeListeners", xml(QueryXml.response("DescribeListeners", ELB, "{\"Listeners\":[{\"Port\":80,\"Protocol\":\"TCP\","
                + "\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + TG_ARN + "\"}]}]}")));
        aws.on("DescribeTargetGroups", xml(QueryXml.response("DescribeTargetGroups", ELB,
                "{\"TargetGroups\":[{\"TargetGroupName\":\"k8s-default-svcnlbip-b5e5e1e1f4\",\"TargetGroupArn\":\"" + TG_ARN + "\",\"Protocol\":\"TCP\",\"Port\":8080,\"TargetType\":\"ip\"}]}")));
        aws.on("DescribeTargetHealth", xml(QueryXml.response("DescribeTargetHealth", ELB,
                "{\"TargetHealthDescriptions\":[{\"Target\":{\"Id\":\"172.30.37.39\",\"Port\":8080},\"TargetHealth\":{\"State\":\"healthy\"}},"
                        + "{\"Target\":{\"Id\":\"172.30.80.4\",\"Port\":8080},\"TargetHealth\":{\"State\":\"" + secondState + "\""
                        + (secondReason.isEmpty() ? "" : ",\"Reason\":\"Elb.RegistrationInProgress\",\"Description\":\"" + secondReason + "\"")
                        + "}}]}")));
    }

    @Test
    void loadBalancersShowTheNlbItsTargetsHealthAndTheConnectionsPerTarget() throws Exception {
        nlbWithTargets("initial", "Target registration is in progress");
        // the data plane's counters as a reload leaves them: the second read is lower (counting again from zero)
        java.util.concurrent.ConcurrentLinkedQueue<Map<String, Long>> counters = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(
                Map.of("172.30.37.39:8080", 12L, "172.30.80.4:8080", 0L), Map.of("172.30.37.39:8080", 3L, "172.30.80.4:8080", 5L)));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        TargetTraffic traffic = (lb, group) -> {
            asked.add(lb.name() + " " + group.name() + " " + group.listenerPorts());
            return new TargetTraffic.Counted(counters.size() > 1 ? counters.poll() : counters.peek(), "HAProxy's session counts");
        };
        LoadBalancersViewModel vm = onFx(() -> new LoadBalancersViewModel(work(), () -> new LoadBalancerInventory(clients.elbv2()),
                traffic, new DistributionTest()));
        fx(vm::refresh);
        await("targets", () -> vm.targets().size() == 2);
        assertThat(vm.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.scheme()).isEqualTo("internet-facing");
            assertThat(lb.state()).isEqualTo("active");
            assertThat(lb.zones()).extracting(z -> z.zone() + " " + z.addresses()).containsExactly("us-east-1a [172.30.40.10]", "us-east-1c [172.30.70.10]");
        });
        assertThat(vm.selectedLoadBalancerProperty().get().name()).as("the NLB is selected").isEqualTo("k8s-default-svcnlbip-53cb8f2a35");
        assertThat(vm.listeners()).containsExactly("TCP:80");
        assertThat(vm.selectedTargetGroupProperty().get().listenerPorts()).containsExactly(80);
        assertThat(vm.targets()).containsExactly(new LoadBalancersViewModel.TargetRow("172.30.37.39:8080", "healthy", ""),
                new LoadBalancersViewModel.TargetRow("172.30.80.4:8080", "initial", "Elb.RegistrationInProgress: Target registration is in progress"));
        assertThat(vm.traffic()).extracting(LoadBalancersViewModel.Bar::target, LoadBalancersViewModel.Bar::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("172.30.37.39:8080", 12L), org.assertj.core.groups.Tuple.tuple("172.30.80.4:8080", 0L));
        assertThat(vm.trafficNoteProperty().get()).startsWith("12 connections over 2 target(s)").contains("HAProxy's session counts");
        assertThat(asked).first().isEqualTo("k8s-default-svcnlbip-53cb8f2a35 k8s-default-svcnlbip-b5e5e1e1f4 [80]");
        assertThat(vm.statusProperty().get()).matches("Updated \\d\\d:\\d\\d:\\d\\d · 1 load balancer");
        assertThat(aws.requests("DescribeTargetHealth").get(0).params()).containsEntry("TargetGroupArn", TG_ARN);
        assertThat(aws.requests("DescribeListeners").get(0).params()).containsEntry("LoadBalancerArn", NLB_ARN);

        // the next read: the second target turned healthy; the counters fell (a reload) and are added up, not lost
        nlbWithTargets("healthy", "");
        fx(vm::refresh); // the fake endpoint answers the queued first answer once more, then the new one
        fx(vm::refresh);
        await("healthy", () -> vm.targets().get(1).state().equals("healthy"));
        assertThat(vm.traffic()).extracting(LoadBalancersViewModel.Bar::count).containsExactly(15L, 5L);
        assertThat(vm.traffic().get(0).share()).isEqualTo(0.75);
        fx(vm::resetTraffic);
        assertThat(vm.traffic()).extracting(LoadBalancersViewModel.Bar::count).containsExactly(0L, 0L);
        assertThat(vm.targetProperty().get()).as("the NLB name is offered for the test").isEqualTo("k8s-default-svcnlbip-53cb8f2a35-1.elb.us-east-1.amazonaws.com");
        vm.close();
    }

    @Test
    void withNoLoadBalancerTheTabNamesTheStepThatMakesOneAndOnAwsSaysWhereCountsAreInstead() throws Exception {
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB, "{\"LoadBalancers\":[]}")));
        LoadBalancersViewModel vm = onFx(() -> new LoadBalancersViewModel(work(), () -> new LoadBalancerInventory(clients.elbv2()),
                TargetTraffic.onAws(), new DistributionTest()));
        fx(vm::refresh);
        await("status", () -> vm.statusProperty().get().startsWith("No load balancers yet"));
        assertThat(vm.statusProperty().get()).contains("s26-deploy").contains("kubectl apply -f ~/pkos/2/echo-service-nlb.yaml");

        nlbWithTargets("healthy", "");
        fx(vm::refresh); // the fake endpoint answers the queued empty list once more, then the NLB
        fx(vm::refresh);
        await("aws note", () -> vm.trafficNoteProperty().get().startsWith("AWS keeps no per-target"));
        assertThat(vm.traffic()).isEmpty();
        assertThat(vm.trafficNoteProperty().get())
                .contains("--dimensions Name=LoadBalancer,Value=net/k8s-default-svcnlbip-53cb8f2a35/6c3f0a1b2c3d4e5f"
                        + " Name=TargetGroup,Value=targetgroup/k8s-default-svcnlbip-b5e5e1e1f4/0a1b2c3d4e5f6a7b")
                .contains("distribution test");
        vm.close();
    }

    @Test
    void theDistributionTestCountsWhichPodAnswered() throws Exception {
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger hits = new AtomicInteger();
        echo.createContext("/", exchange -> {
            String pod = hits.incrementAndGet() % 3 == 0 ? "deploy-echo-7f67d598dc-h9vst" : "deploy-echo-7f67d598dc-45trg";
            byte[] body = ("\n\nHostname: " + pod + "\n\nPod Information:\n\t-no pod information available-\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        try {
            LoadBalancersViewModel vm = onFx(() -> new LoadBalancersViewModel(work(), () -> new LoadBalancerInventory(clients.elbv2()),
                    TargetTraffic.onAws(), new DistributionTest()));
            fx(() -> {
                vm.targetProperty().set("127.0.0.1:" + echo.getAddress().getPort());
                vm.requestsProperty().set(30);
                vm.runDistributionTest();
            });
            await("histogram", () -> !vm.answers().isEmpty());
            assertThat(vm.answers()).containsExactly(
                    new LoadBalancersViewModel.Bar("deploy-echo-7f67d598dc-45trg", 20, 20 / 30.0),
                    new LoadBalancersViewModel.Bar("deploy-echo-7f67d598dc-h9vst", 10, 10 / 30.0));
            assertThat(vm.testSummaryProperty().get()).startsWith("30 answers from 2 pod(s)");
            assertThat(vm.testProgressProperty().get()).isEqualTo(1.0);
            vm.close();
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void throttlingIsShownAsSuchAfterTheSdkGivesUp() throws Exception {
        aws.on("DescribeLoadBalancers", queryError(400, "Throttling", "Rate exceeded"));
        LoadBalancersViewModel vm = onFx(() -> new LoadBalancersViewModel(work(), () -> new LoadBalancerInventory(clients.elbv2()),
                TargetTraffic.onAws(), new DistributionTest()));
        fx(vm::refresh);
        await("throttled", () -> !vm.problemProperty().get().isEmpty());
        assertThat(vm.problemProperty().get()).startsWith("AWS is throttling requests").contains("(AWS error code: Throttling)");
        assertThat(aws.requests("DescribeLoadBalancers").size()).as("the SDK retried with back-off").isGreaterThan(1);
        vm.close();
    }

    @Test
    void iamChangesOnlyAfterTheLearnerConfirmsThePlan() throws Exception {
        aws.on("GetPolicy", queryError(404, "NoSuchEntity", "Policy arn:aws:iam::123456789012:policy/AllowExternalDNSUpdates was not found."));
        aws.on("ListAttachedRolePolicies", xml(QueryXml.response("ListAttachedRolePolicies", IAM, "{\"AttachedPolicies\":[],\"IsTruncated\":false}")));
        aws.on("CreatePolicy", xml(QueryXml.response("CreatePolicy", IAM, "{\"Policy\":{\"PolicyName\":\"AllowExternalDNSUpdates\","
                + "\"Arn\":\"arn:aws:iam::123456789012:policy/AllowExternalDNSUpdates\"}}")));
        aws.on("AttachRolePolicy", xml(QueryXml.response("AttachRolePolicy", IAM, "{}")));
        IamViewModel vm = onFx(() -> new IamViewModel(work(), () -> new ControllerPolicies(clients.iam())));
        AtomicReference<PolicyAttachmentPlan> shown = new AtomicReference<>();
        fx(() -> vm.preparePlan(shown::set));
        assertThat(vm.resultProperty().get()).startsWith("Check identity first");
        fx(() -> {
            vm.accountIdProperty().set("123456789012");
            vm.clusterNameProperty().set("learn-dc.link");
            vm.policyProperty().set(ControllerPolicies.Policy.EXTERNAL_DNS);
            vm.preparePlan(shown::set);
        });
        await("plan", () -> shown.get() != null);
        assertThat(shown.get().describe()).containsExactly(
                "Create IAM policy AllowExternalDNSUpdates (arn:aws:iam::123456789012:policy/AllowExternalDNSUpdates)",
                "Attach AllowExternalDNSUpdates to role masters.learn-dc.link",
                "Attach AllowExternalDNSUpdates to role nodes.learn-dc.link");
        assertThat(aws.requests("CreatePolicy")).as("nothing changes before the learner confirms").isEmpty();
        assertThat(aws.requests("AttachRolePolicy")).isEmpty();

        fx(() -> vm.apply(shown.get()));
        await("applied", () -> vm.resultProperty().get().startsWith("Done"));
        assertThat(aws.requests("CreatePolicy")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("PolicyName", "AllowExternalDNSUpdates"));
        assertThat(aws.requests("AttachRolePolicy")).extracting(r -> r.params().get("RoleName"))
                .containsExactly("masters.learn-dc.link", "nodes.learn-dc.link");
    }

    @Test
    void dnsFindsTheZoneListsRecordsResolvesAndListsCertificates() throws Exception {
        aws.on("GET /2013-04-01/hostedzonesbyname", xml(resource("route53-list-hosted-zones-by-name.xml")));
        aws.on("GET /2013-04-01/hostedzone/Z2LD58HEXAMPLE/rrset", xml(resource("route53-list-resource-record-sets.xml")));
        aws.on("CertificateManager.ListCertificates", json("{\"CertificateSummaryList\":[{\"CertificateArn\":"
                + "\"arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\",\"DomainName\":\"*.learn-dc.link\",\"Status\":\"ISSUED\"}]}"));
        DnsViewModel vm = onFx(() -> new DnsViewModel(work(), work(), () -> new HostedZoneRecords(clients.route53()),
                () -> new Certificates(clients.acm()), name -> name.equals("nginx.learn-dc.link") ? List.of("3.35.1.17", "13.125.3.9") : List.of()));
        fx(() -> {
            vm.domainProperty().set("learn-dc.link");
            vm.refreshRecords();
        });
        await("records", () -> !vm.records().isEmpty());
        assertThat(vm.zoneIdProperty().get()).isEqualTo("Z2LD58HEXAMPLE");
        assertThat(vm.records()).extracting(r -> r.type()).containsExactly("A", "TXT");
        fx(vm::refreshRecords);
        await("second refresh", () -> aws.requests("GET /2013-04-01/hostedzone/Z2LD58HEXAMPLE/rrset").size() == 2);
        assertThat(aws.requests("GET /2013-04-01/hostedzonesbyname")).as("the zone is looked up once").hasSize(1);

        fx(() -> {
            vm.nameToResolveProperty().set("nginx.learn-dc.link");
            vm.resolve();
        });
        await("resolved", () -> vm.resolutionProperty().get().contains("→"));
        assertThat(vm.resolutionProperty().get()).isEqualTo("nginx.learn-dc.link → 3.35.1.17, 13.125.3.9");
        fx(() -> {
            vm.nameToResolveProperty().set("tetris.learn-dc.link");
            vm.resolve();
        });
        await("nxdomain", () -> vm.resolutionProperty().get().contains("no answer"));

        fx(vm::refreshCertificates);
        await("certs", () -> !vm.certificates().isEmpty());
        assertThat(vm.certificates().get(0).domainName()).isEqualTo("*.learn-dc.link");
    }

    @Test
    void maxPodsForTheClusterNodesComeFromLiveInstanceTypes() throws Exception {
        String cliJson = "{\"InstanceTypes\":[{\"InstanceType\":\"c5d.large\",\"VCpuInfo\":{\"DefaultVCpus\":2},"
                + "\"NetworkInfo\":{\"MaximumNetworkInterfaces\":3,\"Ipv4AddressesPerInterface\":10}},"
                + "{\"InstanceType\":\"t3.medium\",\"VCpuInfo\":{\"DefaultVCpus\":2},\"NetworkInfo\":{\"MaximumNetworkInterfaces\":3,\"Ipv4AddressesPerInterface\":6}}]}";
        aws.on("DescribeInstanceTypes", xml(Ec2Xml.response("DescribeInstanceTypes", cliJson, Map.of("InstanceTypes", "instanceTypeSet"))));
        ClusterMaxPodsViewModel vm = onFx(() -> new ClusterMaxPodsViewModel(work(), clients::ec2));
        List<ClusterNode> nodes = List.of(
                new ClusterNode("i-1", "master-us-east-1a.masters.learn-dc.link", ClusterNode.Role.CONTROL_PLANE, "us-east-1a", "172.30.61.188", Optional.of("3.1.1.1"), "t3.medium", "running"),
                new ClusterNode("i-2", "nodes-us-east-1a.learn-dc.link", ClusterNode.Role.WORKER, "us-east-1a", "172.30.46.72", Optional.of("3.1.1.2"), "c5d.large", "running"),
                new ClusterNode("i-3", "kops-ec2", ClusterNode.Role.BASTION, "us-east-1a", "172.30.1.100", Optional.of("3.1.1.3"), "t3.small", "running"));
        fx(() -> vm.show(nodes));
        await("rows", () -> vm.rows().size() == 2);
        assertThat(vm.rows()).containsExactly(
                new ClusterMaxPodsViewModel.NodeMaxPods("master-us-east-1a.masters.learn-dc.link", "t3.medium", "3 × 6", 17, 110, "17"),
                new ClusterMaxPodsViewModel.NodeMaxPods("nodes-us-east-1a.learn-dc.link", "c5d.large", "3 × 10", 29, 110, "29"));
        assertThat(aws.requests("DescribeInstanceTypes")).singleElement().satisfies(r -> assertThat(r.params())
                .containsEntry("InstanceType.1", "c5d.large").containsEntry("InstanceType.2", "t3.medium").doesNotContainValue("t3.small"));
    }

    @Test
    void costGuardAddsUpAndCleansUpWithTheStudysCommands() throws Exception {
        aws.on("DescribeStacks", xml(QueryXml.response("DescribeStacks", CFN,
                        "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"CREATE_COMPLETE\"}]}")));
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")));
        aws.on("DescribeVolumes", xml("<DescribeVolumesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><volumeSet/></DescribeVolumesResponse>"));
        aws.on("DescribeLoadBalancers", xml(QueryXml.response("DescribeLoadBalancers", ELB, "{\"LoadBalancers\":[]}")));
        RecordingTerminals terminals = new RecordingTerminals();
        CostGuardViewModel vm = onFx(() -> new CostGuardViewModel(work(), work(),
                () -> new CostGuard(clients.cloudFormation(), clients.ec2(), clients.elbv2(), PriceTable.usEast1()),
                () -> new StackDeployment(clients.cloudFormation(), Duration.ofMillis(100), Clock.systemUTC()), terminals));
        assertThat(vm.hasRunningResources()).isFalse();
        fx(() -> {
            vm.clusterNameProperty().set("ejpark.link");
            vm.refresh();
        });
        await("resources", () -> !vm.resources().isEmpty());
        assertThat(vm.hasRunningResources()).isTrue();
        assertThat(vm.resources()).extracting(RunningResource::kind).containsExactly(RunningResource.Kind.STACK,
                RunningResource.Kind.INSTANCE, RunningResource.Kind.INSTANCE, RunningResource.Kind.INSTANCE);
        assertThat(vm.totalProperty().get()).startsWith("About $0.234 per hour");

        fx(vm::deleteCluster);
        assertThat(terminals.typed).containsExactly("kops-ec2 <- kops delete cluster --yes ⏎");
        assertThat(terminals.focused).containsExactly("kops-ec2");

        aws.on("DeleteStack", xml(QueryXml.response("DeleteStack", CFN, "{}")));
        aws.on("DescribeStackEvents", xml(QueryXml.response("DescribeStackEvents", CFN, "{\"StackEvents\":[]}")));
        // After DeleteStack: still deleting, then gone (described by its ID as DELETE_COMPLETE).
        FakeAwsEndpoint.Answer deleting = xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"DELETE_IN_PROGRESS\"}]}"));
        FakeAwsEndpoint.Answer deleted = xml(QueryXml.response("DescribeStacks", CFN,
                "{\"Stacks\":[{\"StackName\":\"mkops\",\"StackId\":\"arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1\",\"CreationTime\":\"2023-01-24T10:00:00Z\",\"StackStatus\":\"DELETE_COMPLETE\"}]}"));
        aws.on("DescribeStacks", deleting, deleting, deleted);
        fx(vm::deleteStack);
        await("deleted", () -> vm.cleanupStatusProperty().get().startsWith("Stack mkops deleted"));
        assertThat(aws.requests("DeleteStack")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("StackName", "mkops"));
        assertThat(aws.requests("DescribeStacks")).extracting(r -> r.params().getOrDefault("StackName", ""))
                .contains("arn:aws:cloudformation:us-east-1:123456789012:stack/mkops/1");
    }

    @Test
    void useTheseNodesMakesEndpointsThroughTheJumpOrByPublicIp() throws Exception {
        aws.on("DescribeInstances", xml(resource("ec2-describe-instances-kops-nodes.xml")), xml(resource("ec2-describe-instances-bastion.xml")));
        AtomicReference<Workspace> workspace = new AtomicReference<>(AwsEndpoints.withKopsEc2(Workspace.defaultLocal("pkos"), "3.80.146.2",
                List.of(Path.of("/home/student/.ssh/kp-study.pem"))));
        ClusterNodesViewModel vm = onFx(() -> new ClusterNodesViewModel(work(), () -> new ClusterNodeDiscovery(clients.ec2()),
                (named, jump) -> workspace.updateAndGet(w -> AwsEndpoints.withNodes(w, named, AwsEndpoints.keyFilesOf(w, "kops-ec2"), jump))));
        fx(() -> {
            vm.clusterNameProperty().set("ejpark.link");
            vm.discover();
        });
        await("nodes", () -> vm.nodes().size() >= 3);
        assertThat(aws.requests("DescribeInstances").get(0).params()).containsEntry("Filter.1.Name", "tag:KubernetesCluster")
                .containsEntry("Filter.1.Value.1", "ejpark.link");
        fx(vm::useTheseNodes);
        SshEndpoint worker1 = (SshEndpoint) workspace.get().endpoint("worker1").orElseThrow();
        assertThat(worker1.user()).isEqualTo("ubuntu");
        assertThat(worker1.identityFiles()).containsExactly(Path.of("/home/student/.ssh/kp-study.pem"));
        assertThat(worker1.jumpEndpointName()).contains("kops-ec2");
        assertThat(workspace.get().variables()).containsKeys("W1PIP", "W2PIP");
        assertThat(workspace.get().variables().get("W1PIP")).isEqualTo(worker1.host());
        // the pane header shows both of a node's addresses, though the connection goes to the VPC one
        assertThat(workspace.get().addressesOf("worker1")).hasValueSatisfying(a -> {
            assertThat(a.vpc()).isEqualTo(worker1.host());
            assertThat(a.publicIp()).isPresent().get().isNotEqualTo(worker1.host());
            assertThat(a.label()).isEqualTo(worker1.host() + " / " + a.publicIp().get());
        });
        assertThat(workspace.get().addressesOf("master")).get().extracting(a -> a.label()).isEqualTo("172.30.47.189 / 3.36.26.76");

        fx(() -> {
            vm.jumpThroughKopsEc2Property().set(false);
            vm.useTheseNodes();
        });
        SshEndpoint direct = (SshEndpoint) workspace.get().endpoint("worker1").orElseThrow();
        assertThat(direct.host()).as("the public IP, not W1PIP").isNotEqualTo(workspace.get().variables().get("W1PIP"));
        assertThat(direct.jumpEndpointName()).isEmpty();
    }

    @Test
    void aTemplateFileBecomesAFormWithTheRegionsKeyPairsOffered(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("kops-oneclick.yaml");
        java.nio.file.Files.writeString(file, resource("cfn/kops-oneclick-like.yaml"));
        aws.on("DescribeKeyPairs", xml("<DescribeKeyPairsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><keySet>"
                + "<item><keyName>kp-study</keyName></item><item><keyName>ejpark</keyName></item></keySet></DescribeKeyPairsResponse>"));
        AtomicReference<StackFormViewModel> form = new AtomicReference<>();
        StackTemplateViewModel vm = onFx(() -> new StackTemplateViewModel(work(), () -> new io.labbench.aws.ec2.KeyPairs(clients.ec2()), form::set));
        fx(() -> {
            vm.sourceProperty().set(dir.resolve("missing.yaml").toString());
            vm.load();
        });
        await("missing", () -> !vm.work().problemProperty().get().isEmpty());
        assertThat(vm.work().problemProperty().get()).startsWith("Could not read the template").contains("missing.yaml");

        fx(() -> {
            vm.sourceProperty().set(file.toString());
            vm.load();
        });
        await("form", () -> form.get() != null);
        assertThat(form.get().fields()).filteredOn(f -> f.parameter().isKeyPair()).singleElement()
                .satisfies(f -> assertThat(f.choices()).containsExactly("ejpark", "kp-study"));
        assertThat(vm.loadedProperty().get()).endsWith("2 key pair(s) offered");
    }

    @Test
    void myAddressAsksBeforeChangingTheSshCidrAndAFailureLeavesItAlone() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer checkip = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        checkip.createContext("/", exchange -> {
            byte[] answer = (status.get() == 200 ? "198.51.100.23\n" : "<html>captive portal</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        checkip.start();
        try {
            io.labbench.aws.net.PublicAddressLookup lookup = new io.labbench.aws.net.PublicAddressLookup(
                    java.net.URI.create("http://127.0.0.1:" + checkip.getAddress().getPort() + "/"), Duration.ofSeconds(5));
            String body = resource("cfn/kops-oneclick-like.yaml");
            StackFormViewModel form = onFx(() -> new StackFormViewModel(io.labbench.aws.cfn.StackTemplate.parse(body, "t.yaml"), body));
            MyAddressViewModel vm = onFx(() -> new MyAddressViewModel(form, work(), lookup::lookup));
            java.util.function.Supplier<String> cidr = () -> form.values().get("SgIngressSshCidr");

            fx(vm::useMyAddress);
            await("question", () -> !vm.questionProperty().get().isEmpty());
            assertThat(vm.questionProperty().get()).isEqualTo("Your address looks like 198.51.100.23 — allow SSH only from 198.51.100.23/32?");
            assertThat(cidr.get()).isEqualTo("0.0.0.0/0");
            fx(vm::decline);
            assertThat(cidr.get()).isEqualTo("0.0.0.0/0");
            assertThat(vm.questionProperty().get()).isEmpty();

            fx(vm::useMyAddress);
            await("question again", () -> !vm.questionProperty().get().isEmpty());
            fx(vm::confirm);
            assertThat(cidr.get()).isEqualTo("198.51.100.23/32");
            assertThat(vm.outcomeProperty().get()).isEqualTo("SSH is allowed only from 198.51.100.23/32.");

            fx(() -> form.fields().stream().filter(f -> f.parameter().isCidr()).forEach(f -> f.valueProperty().set("10.1.2.0/24")));
            status.set(500);
            fx(vm::useMyAddress);
            await("problem", () -> !vm.work().problemProperty().get().isEmpty());
            assertThat(vm.work().problemProperty().get()).contains("did not answer with an IPv4 address").contains("left as it was");
            assertThat(vm.questionProperty().get()).isEmpty();
            fx(vm::confirm);
            assertThat(cidr.get()).as("a confirm without a looked-up address changes nothing").isEqualTo("10.1.2.0/24");
        } finally {
            checkip.stop(0);
        }
    }

    /** Records what the view-models ask of the terminal area. */
    static final class RecordingTerminals implements TerminalDirectory {
        final List<String> typed = new ArrayList<>();
        final List<String> focused = new ArrayList<>();

        @Override
        public List<String> names() {
            return List.of("kops-ec2");
        }

        @Override
        public void type(String terminalName, String text, boolean pressEnter) {
            typed.add(terminalName + " <- " + text + (pressEnter ? " ⏎" : ""));
        }

        @Override
        public void focus(String terminalName) {
            focused.add(terminalName);
        }

        @Override
        public List<String> recentLines(String terminalName, int maxLines) {
            return List.of();
        }
    }
}
