package io.labbench.locallab.inet;

import io.labbench.localaws.state.CertificateIssuer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
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
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's own certificate authority (P-256, valid 30 days), made with BouncyCastle at each {@code up}:
 * it signs the stand-in sites' certificate and, as the lab's ACM, the learner's certificates
 * ({@link #issue}). Its key lives only in this process's memory; its certificate is appended to a copy of
 * the host's trust bundle that the lab's machines and pods see as {@code /etc/ssl/certs/ca-certificates.crt},
 * so the lab's ACM certificates are trusted inside the lab as Amazon's are on the internet.
 */
public final class LabCa implements CertificateIssuer {

    static final Path HOST_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    private static final Duration VALIDITY = Duration.ofDays(30);
    /** ACM issues for 13 months; the lab's CA lives 30 days, so its certificates end with it. */
    private static final String ISSUER_ORG = "LabBench";

    private final Path caCertificate;
    private final Path certificate;
    private final Path key;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final SecureRandom random = new SecureRandom();
    /** The stand-in sites' certificate and key, made by {@link #prepare}. */
    private Issued site;

    private LabCa(Path caCertificate, Path certificate, Path key, KeyPair caKeys, X509Certificate caCert) {
        this.caCertificate = caCertificate;
        this.certificate = certificate;
        this.key = key;
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    /** The CA's certificate (PEM). */
    public Path caCertificate() {
        return caCertificate;
    }

    /** The stand-in sites' certificate, signed by the CA. */
    public Path certificate() {
        return certificate;
    }

    /** The stand-in sites' private key (mode 600). */
    public Path key() {
        return key;
    }

    /** Creates the CA and a certificate for {@code names} (each with its wildcard) in {@code dir}. */
    public static LabCa create(Path dir, Collection<String> names) throws IOException {
        LabCa labCa = prepare(dir, names);
        labCa.writeFiles();
        return labCa;
    }

    /**
     * The CA and the sites' certificate for {@code names}, in memory only: {@link #writeFiles} puts them into
     * {@code dir} later. The lab makes them from its first moment, beside the network build, since making them
     * (BouncyCastle's classes, two signatures) took most of a second of a busy machine's CPU.
     */
    public static LabCa prepare(Path dir, Collection<String> names) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = ecKeys(random);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name caName = new X500Name("CN=LabBench local lab CA,O=" + ISSUER_ORG);
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys);
            LabCa labCa = new LabCa(dir.resolve("ca.crt"), dir.resolve("site.crt"), dir.resolve("site.key"), caKeys, caCert);
            LinkedHashSet<String> sans = new LinkedHashSet<>();
            names.forEach(n -> {
                sans.add(n);
                sans.add("*." + n);
            });
            labCa.site = labCa.issue("LabBench internet stand-in", List.copyOf(sans));
            return labCa;
        } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
            throw new IOException("could not make the lab's certificate authority: " + e.getMessage(), e);
        }
    }

    /** Writes the CA's certificate, the sites' certificate and their key (mode 600) to their paths. */
    public void writeFiles() throws IOException {
        Files.createDirectories(caCertificate.getParent());
        Files.writeString(caCertificate, pem(caCert));
        Files.writeString(certificate, site.certificatePem());
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, site.privateKeyPem());
    }

    /** ACM's issue: a fresh P-256 key and a server certificate for {@code names}, the first as CN. */
    @Override
    public Issued issue(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalStateException("a certificate needs at least one name");
        }
        try {
            return issue(names.get(0), names);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("the lab's CA could not sign a certificate for " + names + ": " + e.getMessage(), e);
        }
    }

    private synchronized Issued issue(String commonName, List<String> names) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = ecKeys(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = caCert.getNotAfter().toInstant();
        BigInteger serial = serial(random);
        X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caCert, serial, Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(notAfter), new X500Name("CN=" + commonName.replace(",", "")), keys.getPublic());
        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        leaf.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        leaf.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
        X509Certificate cert = sign(leaf, caKeys);
        String serialText = HexFormat.ofDelimiter(":").formatHex(serial.toByteArray());
        return new Issued(pem(cert), pem(caCert), pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()), serialText,
                "EC-prime256v1", "SHA256WITHECDSA", ISSUER_ORG, now.minus(Duration.ofMinutes(5)), notAfter);
    }

    private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), random);
        return ec.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** The host's trust bundle with the lab CA appended, written to {@code file}. */
    void writeTrustBundle(Path file) throws IOException {
        String host = Files.isReadable(HOST_BUNDLE) ? Files.readString(HOST_BUNDLE) : "";
        Files.createDirectories(file.getParent());
        Files.writeString(file, host + (host.isEmpty() || host.endsWith("\n") ? "" : "\n")
                + "# LabBench local lab CA (only inside the lab)\n" + Files.readString(caCertificate));
    }
}
