package io.labbench.locallab.inet;

import io.labbench.localaws.state.CertificateIssuer.Issued;
import io.labbench.locallab.tls.Pem;
import io.labbench.locallab.tls.PemFolder;
import io.labbench.locallab.tls.PemFolder.DamagedFileException;
import io.labbench.locallab.tls.Stored;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab's CA ({@link LabCa}) and the stand-in sites' certificate kept in the lab's key store between
 * ups, read back with the JDK alone. Kept: the CA's key and certificate and the sites' key and
 * certificate, nothing else: the certificates the lab's ACM issues get fresh keys at each up (see
 * {@code SavedAwsState}). A kept CA is used again while more than {@link #RENEW_BEFORE} of its 30 days
 * is left, since what it signs ends with it; then, or when a file is missing or damaged, or the stand-in's
 * names changed, a new CA and sites' certificate replace the files.
 */
public final class LabCaStore {

    static final String CA_CERT = "lab-ca.crt";
    static final String CA_KEY = "lab-ca.key";
    static final String SITE_CERT = "stand-in.crt";
    static final String SITE_KEY = "stand-in.key";
    /** A week: an ACM certificate issued at an up lasts at least that long, however long the lab runs. */
    static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private final PemFolder folder;

    /** @param keysDir the lab's key store ({@code <state>/<prefix>-keys}) */
    public LabCaStore(Path keysDir) {
        this.folder = new PemFolder(keysDir);
    }

    public Path dir() {
        return folder.dir();
    }

    /**
     * The kept CA with its sites' certificate for {@code siteNames}, or why there is none to use.
     *
     * @param filesDir where the CA's files go for the stand-in (see {@link LabCa#writeFiles})
     */
    public Stored<LabCa> load(Path filesDir, Collection<String> siteNames, Instant now) {
        List<String> missing = folder.missing(CA_CERT, CA_KEY, SITE_CERT, SITE_KEY);
        if (missing.size() == 4) {
            return new Stored.Renew<>("no lab CA kept yet in " + folder.dir());
        }
        if (!missing.isEmpty()) {
            return new Stored.Damaged<>(folder.file(missing.get(0)), "missing, while other files of the lab CA are there");
        }
        try {
            X509Certificate caCert = folder.certificate(CA_CERT);
            PrivateKey caKey = folder.ecPrivateKey(CA_KEY);
            X509Certificate siteCert = folder.certificate(SITE_CERT);
            PrivateKey siteKey = folder.ecPrivateKey(SITE_KEY);
            folder.checkSignedBy(CA_CERT, caCert, caCert);
            folder.checkPair(CA_KEY, caKey, caCert);
            folder.checkSignedBy(SITE_CERT, siteCert, caCert);
            folder.checkPair(SITE_KEY, siteKey, siteCert);
            Instant caEnd = caCert.getNotAfter().toInstant();
            if (now.isBefore(caCert.getNotBefore().toInstant()) || now.plus(RENEW_BEFORE).isAfter(caEnd)) {
                return new Stored.Renew<>("the kept lab CA is valid " + caCert.getNotBefore().toInstant() + " to " + caEnd
                        + ", less than " + RENEW_BEFORE.toDays() + " days from now");
            }
            Set<String> expected = new HashSet<>();
            LabCa.siteNames(siteNames).forEach(n -> expected.add("DNS:" + n));
            if (!folder.subjectAltNames(SITE_CERT, siteCert).equals(expected)) {
                return new Stored.Renew<>("the kept stand-in certificate is for other names than the stand-in's sites now");
            }
            Issued site = new Issued(Pem.of(siteCert), Pem.of(caCert), Pem.of(siteKey), LabCa.serialText(siteCert.getSerialNumber()),
                    "EC-prime256v1", "SHA256WITHECDSA", "LabBench", siteCert.getNotBefore().toInstant(), siteCert.getNotAfter().toInstant());
            return new Stored.Found<>(LabCa.kept(filesDir, new KeyPair(caCert.getPublicKey(), caKey), caCert, site));
        } catch (DamagedFileException e) {
            return e.toStored();
        } catch (java.security.cert.CertificateEncodingException e) {
            return new Stored.Damaged<>(folder.file(SITE_CERT), "cannot be encoded again: " + e.getMessage());
        }
    }

    /** Keeps {@code ca} and its sites' certificate, replacing what was kept. */
    public void save(LabCa ca) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CA_KEY, Pem.of(ca.caKeys().getPrivate()));
        files.put(CA_CERT, ca.caCertificatePem());
        files.put(SITE_KEY, ca.site().privateKeyPem());
        files.put(SITE_CERT, ca.site().certificatePem());
        folder.write(files);
    }
}
