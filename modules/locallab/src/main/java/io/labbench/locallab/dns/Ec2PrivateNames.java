package io.labbench.locallab.dns;

import io.labbench.locallab.net.LabNode;
import io.labbench.locallab.net.LabTopology;
import java.util.ArrayList;
import java.util.List;

/**
 * What AmazonProvidedDNS answers for the lab's instances in us-east-1: {@code ip-172-30-46-72.ec2.internal}
 * (and its reverse) for each node's private address.
 */
public final class Ec2PrivateNames {

    /** The private DNS domain of us-east-1 instances. */
    public static final String DOMAIN = "ec2.internal";

    private Ec2PrivateNames() {
    }

    public static ResolverRecordSource of(LabTopology topology) {
        List<ResolverRecord> records = new ArrayList<>();
        for (LabNode node : topology.nodes()) {
            records.add(new ResolverRecord.A(node.ip().ec2Hostname() + "." + DOMAIN, node.ip().toString()));
        }
        return ResolverRecordSource.fixed(records);
    }
}
