package io.labbench.localaws.service;

import io.labbench.localaws.AwsErrors;
import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;
import io.labbench.localaws.Xml;
import io.labbench.localaws.state.LabCloud;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** EC2's query protocol ({@code Action=DescribeInstances&Version=2016-11-15}) answered from the lab. */
public final class Ec2Api implements ServiceApi {

    static final String XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final List<String> SUPPORTED = List.of("DescribeInstances", "DescribeNetworkInterfaces", "DescribeInstanceTypes",
            "DescribeSubnets", "DescribeVpcs", "DescribeSecurityGroups", "DescribeKeyPairs", "DescribeAvailabilityZones", "DescribeRegions");

    private final LabCloud cloud;

    public Ec2Api(LabCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public AwsReply handle(AwsHttpRequest request) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        Filters filters = Filters.of(form);
        return switch (action) {
            case "DescribeInstances" -> describeInstances(filters, Filters.list(form, "InstanceId"));
            case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(filters, Filters.list(form, "NetworkInterfaceId"));
            case "DescribeInstanceTypes" -> describeInstanceTypes(filters, Filters.list(form, "InstanceType"));
            case "DescribeSubnets" -> describeSubnets(filters, Filters.list(form, "SubnetId"));
            case "DescribeVpcs" -> describeVpcs(filters, Filters.list(form, "VpcId"));
            case "DescribeSecurityGroups" -> describeSecurityGroups(filters, Filters.list(form, "GroupId"));
            case "DescribeKeyPairs" -> describeKeyPairs(filters, Filters.list(form, "KeyName"));
            case "DescribeAvailabilityZones" -> describeZones();
            case "DescribeRegions" -> describeRegions();
            default -> Unsupported.call(AwsErrors.Shape.EC2, "EC2", action.isEmpty() ? "a request without Action" : action, SUPPORTED);
        };
    }

    private static Xml response(String action) {
        return Xml.document().open(action + "Response", XMLNS).el("requestId", UUID.randomUUID());
    }

    private AwsReply describeInstances(Filters filters, List<String> ids) {
        Xml xml = response("DescribeInstances").open("reservationSet");
        for (LabCloud.Instance i : cloud.instances()) {
            if (!ids.isEmpty() && !ids.contains(i.instanceId())) {
                continue;
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("instance-id", List.of(i.instanceId()));
            fields.put("instance-state-name", List.of(i.state()));
            fields.put("instance-type", List.of(i.instanceType()));
            fields.put("availability-zone", List.of(i.zone()));
            fields.put("subnet-id", List.of(i.subnetId()));
            fields.put("vpc-id", List.of(i.vpcId()));
            fields.put("private-ip-address", List.of(i.privateIp()));
            fields.put("private-dns-name", List.of(i.privateDnsName()));
            fields.put("key-name", List.of(i.keyName()));
            fields.put("ip-address", i.publicIp().map(List::of).orElse(List.of()));
            fields.put("tag-key", i.tags().stream().map(LabCloud.Tag::key).toList());
            i.tags().forEach(t -> fields.put("tag:" + t.key(), List.of(t.value())));
            if (!filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("reservationId", "r-" + i.instanceId().substring(2)).el("ownerId", cloud.accountId())
                    .open("groupSet").close("groupSet").open("instancesSet").open("item")
                    .el("instanceId", i.instanceId()).el("imageId", i.imageId())
                    .open("instanceState").el("code", i.state().equals("running") ? 16 : 48).el("name", i.state()).close("instanceState")
                    .el("privateDnsName", i.privateDnsName()).el("dnsName", i.publicIp().map(Ec2Api::publicDnsName).orElse(""))
                    .el("reason", "").el("keyName", i.keyName()).el("amiLaunchIndex", 0).open("productCodes").close("productCodes")
                    .el("instanceType", i.instanceType()).el("launchTime", i.launchTime().truncatedTo(ChronoUnit.SECONDS))
                    .open("placement").el("availabilityZone", i.zone()).el("groupName", "").el("tenancy", "default").close("placement")
                    .open("monitoring").el("state", "disabled").close("monitoring")
                    .el("subnetId", i.subnetId()).el("vpcId", i.vpcId()).el("privateIpAddress", i.privateIp());
            i.publicIp().ifPresent(ip -> xml.el("ipAddress", ip));
            xml.el("sourceDestCheck", true);
            groups(xml, i.groups());
            xml.el("architecture", "x86_64").el("rootDeviceType", "ebs").el("rootDeviceName", "/dev/sda1")
                    .open("blockDeviceMapping").close("blockDeviceMapping").el("virtualizationType", "hvm");
            tags(xml, i.tags());
            xml.el("hypervisor", "xen").open("networkInterfaceSet");
            for (LabCloud.NetworkInterface eni : cloud.networkInterfaces()) {
                if (eni.instanceId().equals(i.instanceId())) {
                    instanceEni(xml, eni);
                }
            }
            xml.close("networkInterfaceSet").el("ebsOptimized", false).el("enaSupport", true)
                    .open("metadataOptions").el("state", "applied").el("httpTokens", "required").el("httpPutResponseHopLimit", 3)
                    .el("httpEndpoint", "enabled").close("metadataOptions")
                    .close("item").close("instancesSet").close("item");
        }
        return AwsReply.xml(xml.close("reservationSet").close("DescribeInstancesResponse").toString());
    }

    private static String publicDnsName(String ip) {
        return "ec2-" + ip.replace('.', '-') + ".compute-1.amazonaws.com";
    }

    private void instanceEni(Xml xml, LabCloud.NetworkInterface eni) {
        xml.open("item").el("networkInterfaceId", eni.networkInterfaceId()).el("subnetId", eni.subnetId()).el("vpcId", eni.vpcId())
                .el("description", eni.description()).el("ownerId", cloud.accountId()).el("status", "in-use")
                .el("macAddress", eni.macAddress()).el("privateIpAddress", eni.privateIp()).el("privateDnsName", eni.privateDnsName())
                .el("sourceDestCheck", true);
        groups(xml, eni.groups());
        xml.open("attachment").el("attachmentId", eni.attachmentId()).el("deviceIndex", eni.deviceIndex()).el("status", "attached")
                .el("attachTime", eni.attachTime().truncatedTo(ChronoUnit.SECONDS)).el("deleteOnTermination", true)
                .el("networkCardIndex", 0).close("attachment");
        privateIps(xml, eni);
        prefixes(xml, eni);
        xml.el("interfaceType", "interface").close("item");
    }

    private static void privateIps(Xml xml, LabCloud.NetworkInterface eni) {
        xml.open("privateIpAddressesSet");
        xml.open("item").el("privateIpAddress", eni.privateIp()).el("privateDnsName", eni.privateDnsName()).el("primary", true).close("item");
        for (String ip : eni.secondaryIps()) {
            xml.open("item").el("privateIpAddress", ip).el("privateDnsName", "ip-" + ip.replace('.', '-') + ".ec2.internal")
                    .el("primary", false).close("item");
        }
        xml.close("privateIpAddressesSet");
    }

    private static void prefixes(Xml xml, LabCloud.NetworkInterface eni) {
        if (eni.prefixes().isEmpty()) {
            return;
        }
        xml.open("ipv4PrefixSet");
        eni.prefixes().forEach(p -> xml.open("item").el("ipv4Prefix", p).close("item"));
        xml.close("ipv4PrefixSet");
    }

    private AwsReply describeNetworkInterfaces(Filters filters, List<String> ids) {
        Xml xml = response("DescribeNetworkInterfaces").open("networkInterfaceSet");
        for (LabCloud.NetworkInterface eni : cloud.networkInterfaces()) {
            if (!ids.isEmpty() && !ids.contains(eni.networkInterfaceId())) {
                continue;
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("network-interface-id", List.of(eni.networkInterfaceId()));
            fields.put("attachment.instance-id", List.of(eni.instanceId()));
            fields.put("attachment.device-index", List.of(Integer.toString(eni.deviceIndex())));
            fields.put("subnet-id", List.of(eni.subnetId()));
            fields.put("vpc-id", List.of(eni.vpcId()));
            fields.put("availability-zone", List.of(eni.zone()));
            fields.put("status", List.of("in-use"));
            fields.put("description", List.of(eni.description()));
            List<String> addresses = new ArrayList<>(List.of(eni.privateIp()));
            addresses.addAll(eni.secondaryIps());
            fields.put("private-ip-address", addresses);
            fields.put("addresses.private-ip-address", addresses);
            eni.tags().forEach(t -> fields.put("tag:" + t.key(), List.of(t.value())));
            fields.put("tag-key", eni.tags().stream().map(LabCloud.Tag::key).toList());
            if (!filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("networkInterfaceId", eni.networkInterfaceId()).el("subnetId", eni.subnetId()).el("vpcId", eni.vpcId())
                    .el("availabilityZone", eni.zone()).el("description", eni.description()).el("ownerId", cloud.accountId())
                    .el("requesterManaged", false).el("status", "in-use").el("macAddress", eni.macAddress())
                    .el("privateIpAddress", eni.privateIp()).el("privateDnsName", eni.privateDnsName()).el("sourceDestCheck", true);
            groups(xml, eni.groups());
            xml.open("attachment").el("attachmentId", eni.attachmentId()).el("instanceId", eni.instanceId())
                    .el("instanceOwnerId", cloud.accountId()).el("deviceIndex", eni.deviceIndex()).el("networkCardIndex", 0)
                    .el("status", "attached").el("attachTime", eni.attachTime().truncatedTo(ChronoUnit.SECONDS))
                    .el("deleteOnTermination", true).close("attachment");
            tags(xml, eni.tags());
            privateIps(xml, eni);
            prefixes(xml, eni);
            xml.open("ipv6AddressesSet").close("ipv6AddressesSet").el("interfaceType", "interface").close("item");
        }
        return AwsReply.xml(xml.close("networkInterfaceSet").close("DescribeNetworkInterfacesResponse").toString());
    }

    private AwsReply describeInstanceTypes(Filters filters, List<String> names) {
        Xml xml = response("DescribeInstanceTypes").open("instanceTypeSet");
        for (LabCloud.InstanceTypeInfo t : cloud.instanceTypes()) {
            Map<String, List<String>> fields = Map.of("instance-type", List.of(t.name()),
                    "hypervisor", List.of(t.nitro() ? "nitro" : "xen"),
                    "network-info.maximum-network-interfaces", List.of(Integer.toString(t.maxEnis())),
                    "network-info.ipv4-addresses-per-interface", List.of(Integer.toString(t.ipv4PerEni())),
                    "vcpu-info.default-vcpus", List.of(Integer.toString(t.vcpus())),
                    "current-generation", List.of("true"));
            if ((!names.isEmpty() && !names.contains(t.name())) || !filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("instanceType", t.name()).el("currentGeneration", true).el("freeTierEligible", t.name().equals("t2.micro") || t.name().equals("t3.micro"))
                    .open("supportedUsageClasses").el("item", "on-demand").el("item", "spot").close("supportedUsageClasses")
                    .open("supportedRootDeviceTypes").el("item", "ebs").close("supportedRootDeviceTypes")
                    .open("supportedVirtualizationTypes").el("item", "hvm").close("supportedVirtualizationTypes")
                    .el("bareMetal", false).el("hypervisor", t.nitro() ? "nitro" : "xen")
                    .open("processorInfo").open("supportedArchitectures").el("item", "x86_64").close("supportedArchitectures").close("processorInfo")
                    .open("vCpuInfo").el("defaultVCpus", t.vcpus()).close("vCpuInfo")
                    .open("memoryInfo").el("sizeInMiB", t.memoryMib()).close("memoryInfo")
                    .el("instanceStorageSupported", false)
                    .open("networkInfo").el("networkPerformance", "Up to 5 Gigabit").el("maximumNetworkInterfaces", t.maxEnis())
                    .el("maximumNetworkCards", 1).el("defaultNetworkCardIndex", 0)
                    .el("ipv4AddressesPerInterface", t.ipv4PerEni()).el("ipv6AddressesPerInterface", t.ipv4PerEni())
                    .el("ipv6Supported", true).el("enaSupport", t.nitro() ? "required" : "unsupported").el("efaSupported", false)
                    .el("encryptionInTransitSupported", false).close("networkInfo")
                    .el("burstablePerformanceSupported", t.name().startsWith("t")).el("hibernationSupported", false)
                    .el("autoRecoverySupported", true).close("item");
        }
        return AwsReply.xml(xml.close("instanceTypeSet").close("DescribeInstanceTypesResponse").toString());
    }

    private AwsReply describeSubnets(Filters filters, List<String> ids) {
        Xml xml = response("DescribeSubnets").open("subnetSet");
        for (LabCloud.Subnet s : cloud.subnets()) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("subnet-id", List.of(s.subnetId()));
            fields.put("vpc-id", List.of(s.vpcId()));
            fields.put("cidr-block", List.of(s.cidr()));
            fields.put("availability-zone", List.of(s.zone()));
            s.tags().forEach(t -> fields.put("tag:" + t.key(), List.of(t.value())));
            if ((!ids.isEmpty() && !ids.contains(s.subnetId())) || !filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("subnetId", s.subnetId()).el("subnetArn", "arn:aws:ec2:" + cloud.region() + ":" + cloud.accountId() + ":subnet/" + s.subnetId())
                    .el("state", "available").el("ownerId", cloud.accountId()).el("vpcId", s.vpcId()).el("cidrBlock", s.cidr())
                    .el("availableIpAddressCount", s.availableIps()).el("availabilityZone", s.zone())
                    .el("availabilityZoneId", "use1-az" + (s.zone().endsWith("a") ? 1 : s.zone().endsWith("c") ? 4 : 2))
                    .el("defaultForAz", false).el("mapPublicIpOnLaunch", true);
            tags(xml, s.tags());
            xml.close("item");
        }
        return AwsReply.xml(xml.close("subnetSet").close("DescribeSubnetsResponse").toString());
    }

    private AwsReply describeVpcs(Filters filters, List<String> ids) {
        Xml xml = response("DescribeVpcs").open("vpcSet");
        for (LabCloud.Vpc v : cloud.vpcs()) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("vpc-id", List.of(v.vpcId()));
            fields.put("cidr", List.of(v.cidr()));
            fields.put("cidr-block-association.cidr-block", List.of(v.cidr()));
            v.tags().forEach(t -> fields.put("tag:" + t.key(), List.of(t.value())));
            if ((!ids.isEmpty() && !ids.contains(v.vpcId())) || !filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("vpcId", v.vpcId()).el("ownerId", cloud.accountId()).el("state", "available").el("cidrBlock", v.cidr())
                    .open("cidrBlockAssociationSet").open("item").el("cidrBlock", v.cidr()).el("associationId", "vpc-cidr-assoc-" + v.vpcId().substring(4))
                    .open("cidrBlockState").el("state", "associated").close("cidrBlockState").close("item").close("cidrBlockAssociationSet")
                    .el("dhcpOptionsId", "dopt-" + v.vpcId().substring(4)).el("instanceTenancy", "default").el("isDefault", false);
            tags(xml, v.tags());
            xml.close("item");
        }
        return AwsReply.xml(xml.close("vpcSet").close("DescribeVpcsResponse").toString());
    }

    private AwsReply describeSecurityGroups(Filters filters, List<String> ids) {
        Xml xml = response("DescribeSecurityGroups").open("securityGroupInfo");
        for (LabCloud.SecurityGroup g : cloud.securityGroups()) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            fields.put("group-id", List.of(g.groupId()));
            fields.put("group-name", List.of(g.groupName()));
            fields.put("vpc-id", List.of(g.vpcId()));
            g.tags().forEach(t -> fields.put("tag:" + t.key(), List.of(t.value())));
            if ((!ids.isEmpty() && !ids.contains(g.groupId())) || !filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("ownerId", cloud.accountId()).el("groupId", g.groupId()).el("groupName", g.groupName())
                    .el("groupDescription", g.description()).el("vpcId", g.vpcId())
                    .open("ipPermissions").close("ipPermissions").open("ipPermissionsEgress").open("item").el("ipProtocol", "-1")
                    .open("groups").close("groups").open("ipRanges").open("item").el("cidrIp", "0.0.0.0/0").close("item").close("ipRanges")
                    .close("item").close("ipPermissionsEgress");
            tags(xml, g.tags());
            xml.close("item");
        }
        return AwsReply.xml(xml.close("securityGroupInfo").close("DescribeSecurityGroupsResponse").toString());
    }

    private AwsReply describeKeyPairs(Filters filters, List<String> names) {
        Xml xml = response("DescribeKeyPairs").open("keySet");
        for (LabCloud.KeyPair k : cloud.keyPairs()) {
            Map<String, List<String>> fields = Map.of("key-name", List.of(k.keyName()), "key-pair-id", List.of(k.keyPairId()));
            if ((!names.isEmpty() && !names.contains(k.keyName())) || !filters.matches(fields)) {
                continue;
            }
            xml.open("item").el("keyPairId", k.keyPairId()).el("keyName", k.keyName()).el("keyFingerprint", k.fingerprint())
                    .el("keyType", k.keyType()).open("tagSet").close("tagSet").close("item");
        }
        return AwsReply.xml(xml.close("keySet").close("DescribeKeyPairsResponse").toString());
    }

    private AwsReply describeZones() {
        Xml xml = response("DescribeAvailabilityZones").open("availabilityZoneInfo");
        for (String zone : cloud.subnets().stream().map(LabCloud.Subnet::zone).distinct().sorted().toList()) {
            xml.open("item").el("zoneName", zone).el("zoneState", "available").el("regionName", cloud.region())
                    .el("zoneId", "use1-az" + (zone.endsWith("a") ? 1 : zone.endsWith("c") ? 4 : 2)).el("zoneType", "availability-zone")
                    .el("optInStatus", "opt-in-not-required").close("item");
        }
        return AwsReply.xml(xml.close("availabilityZoneInfo").close("DescribeAvailabilityZonesResponse").toString());
    }

    private AwsReply describeRegions() {
        return AwsReply.xml(response("DescribeRegions").open("regionInfo").open("item").el("regionName", cloud.region())
                .el("regionEndpoint", "ec2." + cloud.region() + ".amazonaws.com").el("optInStatus", "opt-in-not-required")
                .close("item").close("regionInfo").close("DescribeRegionsResponse").toString());
    }

    static void tags(Xml xml, List<LabCloud.Tag> tags) {
        xml.open("tagSet");
        tags.forEach(t -> xml.open("item").el("key", t.key()).el("value", t.value()).close("item"));
        xml.close("tagSet");
    }

    private static void groups(Xml xml, List<LabCloud.GroupRef> groups) {
        xml.open("groupSet");
        groups.forEach(g -> xml.open("item").el("groupId", g.groupId()).el("groupName", g.groupName()).close("item"));
        xml.close("groupSet");
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
