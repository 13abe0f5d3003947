package io.labbench.locallab.tls;

import io.labbench.storage.AtomicFileWriter;
import io.labbench.storage.PrivateFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A folder of PEM files a lab keeps between ups (the lab's key store, beside its SSH keys): the folder
 * 0700 and each file 0600, like {@code ~/.ssh}, each replaced atomically. Reading checks what a file
 * holds and, when it is not what was expected, says which file and why ({@link DamagedFileException}),
 * so the caller can make new credentials instead of failing the {@code up}. Nothing here logs a key.
 */
public final class PemFolder {

    private final Path dir;

    public PemFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Those of {@code names} that are not regular files in the folder. */
    public List<String> missing(String... names) {
        return Arrays.stream(names).filter(n -> !Files.isRegularFile(file(n))).toList();
    }

    public X509Certificate certificate(String name) throws DamagedFileException {
        String text = read(name);
        try {
            return Pem.certificate(text);
        } catch (CertificateException | ClassCastException e) {
            throw new DamagedFileException(file(name), "expected a PEM certificate (-----BEGIN CERTIFICATE-----), could not read one: "
                    + e.getMessage());
        }
    }

    public PrivateKey ecPrivateKey(String name) throws DamagedFileException {
        String text = read(name);
        try {
            return Pem.ecPrivateKey(text);
        } catch (GeneralSecurityException e) {
            throw new DamagedFileException(file(name), "expected an EC private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----): "
                    + e.getMessage());
        }
    }

    /** Fails naming {@code keyName} unless {@code key} is the private half of {@code certificate}'s key. */
    public void checkPair(String keyName, PrivateKey key, X509Certificate certificate) throws DamagedFileException {
        try {
            byte[] probe = "labbench key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new DamagedFileException(file(keyName), "the key does not belong to the certificate stored beside it");
            }
        } catch (GeneralSecurityException e) {
            throw new DamagedFileException(file(keyName), "the key cannot sign for the certificate stored beside it: " + e.getMessage());
        }
    }

    /** Fails naming {@code name} unless {@code certificate} carries {@code issuer}'s signature. */
    public void checkSignedBy(String name, X509Certificate certificate, X509Certificate issuer) throws DamagedFileException {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new DamagedFileException(file(name), "the certificate is not signed by the CA stored beside it ("
                    + issuer.getSubjectX500Principal().getName() + ")");
        }
    }

    /**
     * The certificate's subject alternative names as OpenSSL prints them ({@code DNS:localhost},
     * {@code IP Address:127.0.0.1}); other kinds are left out.
     */
    public java.util.Set<String> subjectAltNames(String name, X509Certificate certificate) throws DamagedFileException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try {
            java.util.Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add("DNS:" + san.get(1));
                } else if (Integer.valueOf(7).equals(san.get(0))) {
                    names.add("IP Address:" + san.get(1));
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new DamagedFileException(file(name), "its subject alternative names cannot be read: " + e.getMessage());
        }
        return names;
    }

    /** Writes each name's text (the folder made 0700 first, each file 0600 and replaced atomically). */
    public void write(Map<String, String> files) throws IOException {
        PrivateFolders.create(dir);
        // an existing folder (the SSH keys' one, older labs) is closed too: it holds private keys
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            AtomicFileWriter.write(file(f.getKey()), f.getValue().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private String read(String name) throws DamagedFileException {
        try {
            // ISO-8859-1 reads any bytes: a damaged file is reported by the PEM check, not as a decoding error
            return Files.readString(file(name), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new DamagedFileException(file(name), "cannot be read: " + e);
        }
    }

    /** A kept file that does not hold what it should; {@link #file()} names it. */
    public static final class DamagedFileException extends Exception {
        private final transient Path file;
        private final String problem;

        public DamagedFileException(Path file, String problem) {
            super(file + ": " + problem);
            this.file = file;
            this.problem = problem;
        }

        public Path file() {
            return file;
        }

        public String problem() {
            return problem;
        }

        public <T> Stored.Damaged<T> toStored() {
            return new Stored.Damaged<>(file, problem);
        }
    }
}
