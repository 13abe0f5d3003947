package io.labbench.localaws.state;

import java.time.Instant;
import java.util.List;

/**
 * Signs the certificates ACM issues: in the local lab, the lab's own CA (which the lab's machines and
 * pods trust, as browsers trust Amazon's). The endpoint never makes keys or certificates itself.
 */
@FunctionalInterface
public interface CertificateIssuer {

    /**
     * A new key and a certificate for {@code names} (the first is the subject's CN; all are SANs).
     *
     * @throws IllegalStateException when the CA cannot sign (the message says why)
     */
    Issued issue(List<String> names);

    /**
     * @param certificatePem the leaf certificate
     * @param chainPem       the CA certificates above it, nearest first (ACM's {@code CertificateChain})
     * @param privateKeyPem  the leaf's private key, PKCS#8 PEM; it never leaves the lab's process except
     *                       to the lab's own load balancer, as ACM hands it only to the NLB
     * @param serial         the serial number as ACM shows it ({@code 0a:1b:…})
     * @param keyAlgorithm   as ACM names it ({@code RSA-2048}, {@code EC-prime256v1})
     * @param issuer         the issuer's organisation as ACM's {@code Issuer} shows it
     */
    record Issued(String certificatePem, String chainPem, String privateKeyPem, String serial, String keyAlgorithm,
                  String signatureAlgorithm, String issuer, Instant notBefore, Instant notAfter) {
        @Override
        public String toString() {
            return "Issued[serial=" + serial + ", notAfter=" + notAfter + "]"; // never the key
        }
    }
}
