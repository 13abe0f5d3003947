package io.labbench.aws.dns;

import java.util.List;

/** A Route 53 record as the ExternalDNS view lists it (A records, alias targets, the owner TXT records). */
public record DnsRecord(String name, String type, long ttl, List<String> values, String aliasTarget) {
}
