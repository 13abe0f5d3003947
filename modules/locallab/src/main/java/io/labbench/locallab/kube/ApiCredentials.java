package io.labbench.locallab.kube;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What keeps other local users out of the lab's API server, whose exec runs commands as root in the
 * lab's namespaces: a CA made for this lab only, a serving certificate it signs for the loopback
 * address, and a random bearer token. The kubeconfig (0600) carries the CA and the token, as a kOps
 * kubeconfig carries its cluster's CA and the admin's credentials; a client without the token gets 401.
 * Nothing is written here: the keys live in memory for the API server's lifetime.
 *
 * @param caPem         the lab CA's certificate (kubeconfig {@code certificate-authority-data})
 * @param serverCertPem the serving certificate (for 127.0.0.1, localhost and the in-cluster names)
 * @param serverKeyPem  its private key, PKCS#8
 * @param token         the bearer token (kubeconfig {@code users[].user.token})
 */
public record ApiCredentials(String caPem, String serverCertPem, String serverKeyPem, String token) {

    private static final Duration VALIDITY = Duration.ofDays(365);

    @Override
    public String toString() {
        return "ApiCredentials[CA and serving certificate, token withheld]";
    }

    /** Whether {@code offered} is the token, compared in constant time. */
    public boolean acceptsToken(String offered) {
        return offered != null && MessageDigest.isEqual(offered.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A fresh CA, serving certificate and token.
     *
     * @param clusterName names the CA and goes into the certificate's DNS names ({@code api.<cluster>})
     */
    public static ApiCredentials generate(String clusterName) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair caKeys = ec.generateKeyPair();
            KeyPair serverKeys = ec.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=labbench-local-lab-ca," + "O=" + clusterName.replace(",", ""));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys);

            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caCert, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=kubernetes-master"), serverKeys.getPublic());
            List<GeneralName> names = new java.util.ArrayList<>(List.of(
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.dNSName, "kubernetes"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                    new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local")));
            if (clusterName.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, "api." + clusterName));
                names.add(new GeneralName(GeneralName.dNSName, "api.internal." + clusterName));
            }
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            server.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate serverCert = sign(server, caKeys);

            byte[] token = new byte[32];
            random.nextBytes(token);
            return new ApiCredentials(pem(caCert), pem(serverCert), pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                    serverKeys.getPrivate(), null).generate()), Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not make the local lab API server's certificates: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
