/**
 * Route 53 and ACM for the ExternalDNS and TLS sections: the learner's hosted zone and the A/TXT
 * records ExternalDNS writes into it, a {@code dig +short}-style lookup, and the region's certificates
 * for the TLS listener's {@code CERT_ARN}.
 */
package io.labbench.aws.dns;
