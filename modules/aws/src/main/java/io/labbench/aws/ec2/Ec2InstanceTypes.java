package io.labbench.aws.ec2;

import io.labbench.aws.AwsFailure;
import io.labbench.cluster.vpccni.InstanceType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * Live ENI and IP limits from EC2's DescribeInstanceTypes, for the max-pods calculator. Offline, the
 * calculator uses {@link io.labbench.cluster.vpccni.InstanceTypeCatalog} instead, so it works before
 * the learner has an AWS account; the live values always win.
 */
public final class Ec2InstanceTypes {

    private Ec2InstanceTypes() {
    }

    /** Live limits from EC2 for the given types, keyed by type name. */
    public static Map<String, InstanceType> describe(Ec2Client ec2, Collection<String> instanceTypes) throws AwsFailure {
        Map<String, InstanceType> result = new LinkedHashMap<>();
        for (InstanceTypeInfo info : AwsFailure.call(() -> ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings(instanceTypes)).instanceTypes())) {
            String name = info.instanceTypeAsString();
            long memoryMib = info.memoryInfo() == null || info.memoryInfo().sizeInMiB() == null ? 0 : info.memoryInfo().sizeInMiB();
            // Prefix delegation needs the Nitro system; bare-metal types report no hypervisor but run on it too.
            boolean nitro = "nitro".equals(info.hypervisorAsString()) || Boolean.TRUE.equals(info.bareMetal());
            result.put(name, new InstanceType(name, info.networkInfo().maximumNetworkInterfaces(),
                    info.networkInfo().ipv4AddressesPerInterface(),
                    info.vCpuInfo() == null ? 2 : info.vCpuInfo().defaultVCpus(), memoryMib, nitro));
        }
        return result;
    }
}
