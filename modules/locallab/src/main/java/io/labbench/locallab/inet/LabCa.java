package io.labbench.locallab.inet;

import io.labbench.localaws.state.CertificateIssuer;
import io.labbench.locallab.tls.CertificateMaker;
import io.labbench.locallab.tls.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * The lab's own certificate authority (P-256, valid 30 days): it signs the stand-in sites' certificate and,
 * as the lab's ACM, the learner's certificates ({@link #issue}). Made with BouncyCastle on a lab's first
 * {@code up} and kept in the lab's key store ({@link LabCaStore}) for the next ones until it nears its end,
 * as kOps keeps a cluster's CA in its state store across updates and rolling updates. Its certificate is
 * appended to a copy of the host's trust bundle that the lab's machines and pods see as
 * {@code /etc/ssl/certs/ca-certificates.crt}, so the lab's ACM certificates are trusted inside the lab as
 * Amazon's are on the internet.
 */
public final class LabCa implements CertificateIssuer {

    static final Path HOST_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    static final Duration VALIDITY = Duration.ofDays(30);
    /** ACM issues for 13 months; the lab's CA lives 30 days, so its certificates end with it. */
    private static final String ISSUER_ORG = "LabBench";

    private final Path caCertificate;
    private final Path certificate;
    private final Path key;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    /** The stand-in sites' certificate and key, made by {@link #prepare}. */
    private Issued site;

    private LabCa(Path caCertificate, Path certificate, Path key, KeyPair caKeys, X509Certificate caCert) {
        this.caCertificate = caCertificate;
        this.certificate = certificate;
        this.key = key;
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    /** A CA and sites' certificate read back from the key store ({@link LabCaStore}), whose files go into {@code dir}. */
    static LabCa kept(Path dir, KeyPair caKeys, X509Certificate caCert, Issued site) {
        LabCa labCa = new LabCa(dir.resolve("ca.crt"), dir.resolve("site.crt"), dir.resolve("site.key"), caKeys, caCert);
        labCa.site = site;
        return labCa;
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
     * A new CA and the sites' certificate for {@code names}, in memory only: {@link #writeFiles} puts them into
     * {@code dir} later. The lab makes them from its first moment, beside the network build, since making them
     * (BouncyCastle's classes, two signatures) took seconds of a busy machine's CPU; later ups read the kept ones.
     */
    public static LabCa prepare(Path dir, Collection<String> names) throws IOException {
        try {
            CertificateMaker maker = new CertificateMaker();
            KeyPair caKeys = maker.newKeys();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate caCert = maker.ca("CN=LabBench local lab CA,O=" + ISSUER_ORG, caKeys, now.minus(Duration.ofHours(1)),
                    now.plus(VALIDITY), OptionalInt.empty());
            LabCa labCa = new LabCa(dir.resolve("ca.crt"), dir.resolve("site.crt"), dir.resolve("site.key"), caKeys, caCert);
            labCa.site = labCa.issue("LabBench internet stand-in", siteNames(names));
            return labCa;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("could not make the lab's certificate authority: " + e.getMessage(), e);
        }
    }

    /** Writes the CA's certificate, the sites' certificate and their key (mode 600) to their paths. */
    public void writeFiles() throws IOException {
        Files.createDirectories(caCertificate.getParent());
        Files.writeString(caCertificate, caCertificatePem());
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
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the lab's CA could not sign a certificate for " + names + ": " + e.getMessage(), e);
        }
    }

    private synchronized Issued issue(String commonName, List<String> names) throws GeneralSecurityException {
        // made here, not held: loading LabCa (a kept CA read at up) must not load BouncyCastle
        CertificateMaker maker = new CertificateMaker();
        KeyPair keys = maker.newKeys();
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
        Instant notAfter = caCert.getNotAfter().toInstant();
        X509Certificate cert = maker.leaf(caCert, caKeys.getPrivate(), keys.getPublic(), commonName,
                names.stream().map(n -> "DNS:" + n).toList(), notBefore, notAfter, true);
        return new Issued(Pem.of(cert), caCertificatePem(), Pem.of(keys.getPrivate()), serialText(cert.getSerialNumber()),
                "EC-prime256v1", "SHA256WITHECDSA", ISSUER_ORG, notBefore, notAfter);
    }

    /** The CA's certificate as PEM. */
    String caCertificatePem() {
        try {
            return Pem.of(caCert);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the lab CA's own certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    X509Certificate caCertificateObject() {
        return caCert;
    }

    KeyPair caKeys() {
        return caKeys;
    }

    /** The stand-in sites' certificate and key. */
    Issued site() {
        return site;
    }

    /** The names the sites' certificate is for: each of {@code names} and its wildcard. */
    static List<String> siteNames(Collection<String> names) {
        LinkedHashSet<String> sans = new LinkedHashSet<>();
        names.forEach(n -> {
            sans.add(n);
            sans.add("*." + n);
        });
        return List.copyOf(sans);
    }

    /** How the lab's ACM shows a serial: hex bytes joined by colons. */
    static String serialText(BigInteger serial) {
        return HexFormat.ofDelimiter(":").formatHex(serial.toByteArray());
    }

    /** The host's trust bundle with the lab CA appended, written to {@code file}. */
    void writeTrustBundle(Path file) throws IOException {
        String host = Files.isReadable(HOST_BUNDLE) ? Files.readString(HOST_BUNDLE) : "";
        Files.createDirectories(file.getParent());
        Files.writeString(file, host + (host.isEmpty() || host.endsWith("\n") ? "" : "\n")
                + "# LabBench local lab CA (only inside the lab)\n" + Files.readString(caCertificate));
    }
}
