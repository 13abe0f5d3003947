package io.labbench.aws.ec2;

import io.labbench.aws.AwsFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * ENI and IP limits per instance type: live from DescribeInstanceTypes, or offline from the shipped
 * tables (the VPC CNI project's {@code eni-max-pods.txt} and our limits table), so the calculator
 * works before the learner has an AWS account.
 */
public final class InstanceTypeCatalog {

    private final Map<String, Integer> publishedMaxPods;
    private final Map<String, InstanceNetworkLimits> offlineLimits;

    private InstanceTypeCatalog(Map<String, Integer> publishedMaxPods, Map<String, InstanceNetworkLimits> offlineLimits) {
        this.publishedMaxPods = publishedMaxPods;
        this.offlineLimits = offlineLimits;
    }

    public static InstanceTypeCatalog offline() {
        Map<String, Integer> maxPods = new LinkedHashMap<>();
        readTable("eni-max-pods.txt", f -> maxPods.put(f[0], Integer.parseInt(f[1])));
        Map<String, InstanceNetworkLimits> limits = new LinkedHashMap<>();
        readTable("instance-network-limits.txt", f -> limits.put(f[0],
                new InstanceNetworkLimits(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]))));
        return new InstanceTypeCatalog(maxPods, limits);
    }

    /** The max pods AWS publishes for the type (secondary-IP mode), if the table lists it. */
    public OptionalInt publishedMaxPods(String instanceType) {
        Integer value = publishedMaxPods.get(instanceType);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    public Optional<InstanceNetworkLimits> offlineLimits(String instanceType) {
        return Optional.ofNullable(offlineLimits.get(instanceType));
    }

    /** Live limits from EC2 for the given types. */
    public static Map<String, InstanceNetworkLimits> describe(Ec2Client ec2, Collection<String> instanceTypes) throws AwsFailure {
        Map<String, InstanceNetworkLimits> result = new LinkedHashMap<>();
        for (InstanceTypeInfo info : AwsFailure.call(() -> ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings(instanceTypes)).instanceTypes())) {
            result.put(info.instanceTypeAsString(), new InstanceNetworkLimits(info.instanceTypeAsString(),
                    info.networkInfo().maximumNetworkInterfaces(), info.networkInfo().ipv4AddressesPerInterface(),
                    info.vCpuInfo() == null ? 2 : info.vCpuInfo().defaultVCpus()));
        }
        return result;
    }

    private interface Line {
        void accept(String[] fields);
    }

    private static void readTable(String resource, Line line) {
        try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream("/io/labbench/aws/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            while ((text = reader.readLine()) != null) {
                String trimmed = text.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    line.accept(trimmed.split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
