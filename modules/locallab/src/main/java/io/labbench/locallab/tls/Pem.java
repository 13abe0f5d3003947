package io.labbench.locallab.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Certificates and PKCS#8 private keys as PEM text (RFC 7468), with the JDK alone: the same text
 * BouncyCastle's PEM writer gives (64-character lines), so OpenSSL, nginx, Vert.x and kubectl read it.
 */
public final class Pem {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private Pem() {
    }

    public static String of(X509Certificate certificate) throws CertificateEncodingException {
        return block(CERTIFICATE, certificate.getEncoded());
    }

    /** The key as PKCS#8 ({@code BEGIN PRIVATE KEY}), the JDK's encoding of every private key. */
    public static String of(PrivateKey key) {
        return block(PRIVATE_KEY, key.getEncoded());
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate certificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An EC private key from a {@code BEGIN PRIVATE KEY} (PKCS#8) block. */
    public static PrivateKey ecPrivateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(body(pem, PRIVATE_KEY)));
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] body(String pem, String label) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new GeneralSecurityException("expected a '" + begin + "' … '" + end + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the " + label + " block is not base64 (" + e.getMessage() + ")", e);
        }
    }
}
