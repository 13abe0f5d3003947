package io.labbench.localaws.bench;

import io.labbench.localaws.LabCredentials;
import io.labbench.localaws.LocalAwsEndpoint;
import io.labbench.localaws.state.LabCloud;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Endpoint requests per second for DescribeInstances from the AWS SDK (signing, SigV4 check, XML out and
 * parsed back), on a lab-sized state: 4 instances with 3 ENIs of 6 addresses each. A main, not a test:
 * <pre>mvn -o -q -pl modules/localaws test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat /tmp/cp.txt):modules/localaws/target/classes:modules/localaws/target/test-classes" \
 *   io.labbench.localaws.bench.DescribeInstancesThroughput [seconds] [threads]</pre>
 */
public final class DescribeInstancesThroughput {

    private DescribeInstancesThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        LabCredentials key = LabCredentials.generate();
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start(new FourNodes(), key)) {
            StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicLong done = new AtomicLong();
            List<Future<?>> runs = new ArrayList<>();
            // the SDK's first client and call load a few thousand classes: those 200 calls are the warm-up
            try (Ec2Client warm = Ec2Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                    .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build()) {
                for (int i = 0; i < 200; i++) {
                    warm.describeInstances();
                }
            }
            long warmUpEnd = System.nanoTime();
            long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                            .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build()) {
                        while (System.nanoTime() < end) {
                            int n = ec2.describeInstances().reservations().size();
                            if (n != 4) {
                                throw new IllegalStateException("expected 4 reservations, got " + n);
                            }
                            if (System.nanoTime() > warmUpEnd) {
                                done.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("DescribeInstances through the SDK: %.0f requests/s (%d threads, %d s after 200 warm-up calls; load %s)%n",
                    done.get() / (double) seconds, threads, seconds,
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        }
    }

    /** The lab's shape: kops-ec2, master, worker1, worker2, the workers with three ENIs each. */
    private static final class FourNodes implements LabCloud {
        private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");

        @Override public String accountId() { return "312345678901"; }
        @Override public String region() { return "us-east-1"; }
        @Override public String userName() { return "labbench"; }

        @Override
        public List<Instance> instances() {
            List<Instance> list = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                list.add(new Instance("i-0" + "abcdef012345678".substring(0, 15) + i, "t3.medium", "running", T, "us-east-1a", "subnet-0a",
                        "vpc-0a", "172.30.46." + (70 + i), "ip-172-30-46-" + (70 + i) + ".ec2.internal", Optional.empty(), "ami-0a", "labbench",
                        List.of(new GroupRef("sg-0a", "nodes.pkos.labbench.test")),
                        List.of(new Tag("Name", "nodes-us-east-1a.pkos.labbench.test"), new Tag("KubernetesCluster", "pkos.labbench.test"))));
            }
            return list;
        }

        @Override
        public List<NetworkInterface> networkInterfaces() {
            List<NetworkInterface> list = new ArrayList<>();
            for (Instance i : instances()) {
                for (int d = 0; d < 3; d++) {
                    List<String> ips = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        ips.add("172.30." + (40 + d) + "." + (10 + k));
                    }
                    list.add(new NetworkInterface("eni-0" + i.instanceId().substring(3) + d, "subnet-0a", "vpc-0a", "us-east-1a", "", "02:00:00:00:00:0" + d,
                            i.privateIp(), i.privateDnsName(), ips, List.of(), i.instanceId(), d, "eni-attach-0" + d, T, i.groups(), List.of()));
                }
            }
            return list;
        }

        @Override public List<InstanceTypeInfo> instanceTypes() { return List.of(); }
        @Override public List<Subnet> subnets() { return List.of(); }
        @Override public List<Vpc> vpcs() { return List.of(); }
        @Override public List<SecurityGroup> securityGroups() { return List.of(); }
        @Override public List<KeyPair> keyPairs() { return List.of(); }
        @Override public List<Stack> stacks() { return List.of(); }
        @Override public List<Bucket> buckets() { return List.of(); }
        @Override public List<StoredObject> labObjects(String bucket) { return List.of(); }
        @Override public List<Role> roles() { return List.of(); }
        private final io.labbench.localaws.state.Route53Zones zones = new io.labbench.localaws.state.Route53Zones();
        @Override public io.labbench.localaws.state.Route53Zones route53() { return zones; }
        @Override public io.labbench.localaws.state.AcmCertificates acm() {
            return new io.labbench.localaws.state.AcmCertificates(accountId(), region(), names -> {
                throw new IllegalStateException("the benchmark issues no certificates");
            }, zones, java.time.Clock.systemUTC());
        }
    }
}
