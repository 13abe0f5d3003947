package io.labbench.locallab.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.OptionalInt;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * P-256 keys and X.509 certificates for the lab's two CAs and what they sign, built with BouncyCastle
 * (the JDK has no public certificate builder). The only class of the lab that names BouncyCastle: its
 * jars are signed, and the first class loaded from them makes the JVM check those signatures, which with
 * the classes themselves cost seconds of a busy machine's CPU; kept with this class, that happens only when
 * a certificate must really be made, not when one kept from an earlier up is read.
 */
public final class CertificateMaker {

    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random = new SecureRandom();

    /** A new P-256 key pair. */
    public KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), random);
        return ec.generateKeyPair();
    }

    /**
     * A self-signed CA certificate.
     *
     * @param subject    e.g. {@code CN=LabBench local lab CA,O=LabBench}
     * @param pathLength how many CAs may stand below it; empty: no limit
     */
    public X509Certificate ca(String subject, KeyPair keys, Instant notBefore, Instant notAfter, OptionalInt pathLength)
            throws GeneralSecurityException {
        try {
            X500Name name = new X500Name(subject);
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore), Date.from(notAfter),
                    name, keys.getPublic());
            ca.addExtension(Extension.basicConstraints, true,
                    pathLength.isPresent() ? new BasicConstraints(pathLength.getAsInt()) : new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return sign(ca, keys.getPrivate());
        } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
            throw new GeneralSecurityException("cannot build the CA certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server (and, with {@code clientToo}, client) certificate for {@code key}, signed by {@code issuer}.
     *
     * @param names its subject alternative names as OpenSSL prints them: {@code DNS:example.com}, {@code IP Address:127.0.0.1}
     */
    public X509Certificate leaf(X509Certificate issuer, PrivateKey issuerKey, PublicKey key, String commonName, List<String> names,
                                Instant notBefore, Instant notAfter, boolean clientToo) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + commonName.replace(",", "")), key);
            leaf.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.stream().map(CertificateMaker::generalName).toArray(GeneralName[]::new)));
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(clientToo
                    ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}
                    : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
            leaf.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            return sign(leaf, issuerKey);
        } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
            throw new GeneralSecurityException("cannot build the certificate for " + names + ": " + e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String name) {
        if (name.startsWith("DNS:")) {
            return new GeneralName(GeneralName.dNSName, name.substring("DNS:".length()));
        }
        if (name.startsWith("IP Address:")) {
            return new GeneralName(GeneralName.iPAddress, name.substring("IP Address:".length()));
        }
        throw new IllegalArgumentException("expected DNS:<name> or IP Address:<address>, found '" + name + "'");
    }

    /** Positive and at most 63 bits, as RFC 5280 asks (at most 20 octets, no sign trouble). */
    private BigInteger serial() {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
    }
}
