package io.labbench.locallab.kube;

import io.labbench.locallab.tls.PemFolder;
import io.labbench.locallab.tls.PemFolder.DamagedFileException;
import io.labbench.locallab.tls.Stored;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The API server's CA certificate and serving certificate and key, kept in the lab's key store from one
 * up to the next and read back with the JDK alone; kOps too keeps a cluster's CA across updates. What is
 * kept and why that is safe:
 * <ul>
 *   <li>the serving key and certificate: they prove the server to clients; the folder is 0700 and the
 *       key 0600, as the lab's SSH host keys beside them, and a local user who could read them could read
 *       the lab's kubeconfig too;</li>
 *   <li>the CA's certificate only. Its key signs the serving certificate once and is never written, so
 *       nothing on disk can sign another certificate the lab's clients would trust;</li>
 *   <li>not the bearer token, which is what admits a client: each up makes a new one
 *       ({@link ApiCredentials#withNewToken}) and writes it into the new kubeconfig, so a kubeconfig
 *       copied at an earlier up no longer gets in, as before.</li>
 * </ul>
 * New ones replace the files when fewer than {@link #RENEW_BEFORE} of the certificates' year are left,
 * when the cluster's name (in the certificate's names) changed, or when a file is missing or damaged.
 */
public final class ApiCredentialStore {

    static final String CA_CERT = "api-ca.crt";
    static final String SERVER_CERT = "api-server.crt";
    static final String SERVER_KEY = "api-server.key";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final PemFolder folder;

    /** @param keysDir the lab's key store ({@code <state>/<prefix>-keys}) */
    public ApiCredentialStore(Path keysDir) {
        this.folder = new PemFolder(keysDir);
    }

    public Path dir() {
        return folder.dir();
    }

    /** The kept CA and serving certificate for {@code clusterName}, with a new token; or why there are none to use. */
    public Stored<ApiCredentials> load(String clusterName, Instant now) {
        List<String> missing = folder.missing(CA_CERT, SERVER_CERT, SERVER_KEY);
        if (missing.size() == 3) {
            return new Stored.Renew<>("no API server certificates kept yet in " + folder.dir());
        }
        if (!missing.isEmpty()) {
            return new Stored.Damaged<>(folder.file(missing.get(0)), "missing, while other files of the API server's certificates are there");
        }
        try {
            X509Certificate ca = folder.certificate(CA_CERT);
            X509Certificate server = folder.certificate(SERVER_CERT);
            PrivateKey key = folder.ecPrivateKey(SERVER_KEY);
            folder.checkSignedBy(CA_CERT, ca, ca);
            folder.checkSignedBy(SERVER_CERT, server, ca);
            folder.checkPair(SERVER_KEY, key, server);
            Instant end = server.getNotAfter().toInstant().isBefore(ca.getNotAfter().toInstant())
                    ? server.getNotAfter().toInstant() : ca.getNotAfter().toInstant();
            if (now.isBefore(server.getNotBefore().toInstant()) || now.isBefore(ca.getNotBefore().toInstant())
                    || now.plus(RENEW_BEFORE).isAfter(end)) {
                return new Stored.Renew<>("the kept API server certificate is valid " + server.getNotBefore().toInstant() + " to " + end
                        + ", less than " + RENEW_BEFORE.toDays() + " days from now");
            }
            if (!folder.subjectAltNames(SERVER_CERT, server).equals(new HashSet<>(ApiCredentials.serverNames(clusterName)))) {
                return new Stored.Renew<>("the kept API server certificate is for another cluster name than " + clusterName);
            }
            // the files' own text, as kept: the kubeconfig's CA data stays byte for byte what clients saw before
            return new Stored.Found<>(new ApiCredentials(Files.readString(folder.file(CA_CERT)), Files.readString(folder.file(SERVER_CERT)),
                    Files.readString(folder.file(SERVER_KEY)), "").withNewToken());
        } catch (DamagedFileException e) {
            return e.toStored();
        } catch (IOException e) {
            return new Stored.Damaged<>(folder.dir(), "cannot be read: " + e);
        }
    }

    /** Keeps the CA certificate and the serving certificate and key of {@code credentials} (not the token). */
    public void save(ApiCredentials credentials) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SERVER_KEY, credentials.serverKeyPem());
        files.put(SERVER_CERT, credentials.serverCertPem());
        files.put(CA_CERT, credentials.caPem());
        folder.write(files);
    }

    /**
     * The kept credentials with a new token, or new ones (then kept) when there are none to use. A damaged
     * file is logged as a warning naming it, then replaced; never a failed up.
     */
    public ApiCredentials keptOrNew(String clusterName) throws IOException {
        Stored<ApiCredentials> kept = load(clusterName, Instant.now());
        if (kept instanceof Stored.Found<ApiCredentials> found) {
            return found.value();
        }
        Logger log = Logger.getLogger(ApiCredentialStore.class.getName());
        if (kept instanceof Stored.Damaged<ApiCredentials>) {
            log.warning(() -> "the API server's kept certificates are damaged (" + kept.describe() + "); making new ones");
        } else {
            log.info(() -> "making new API server certificates: " + kept.describe());
        }
        ApiCredentials made = ApiCredentials.generate(clusterName);
        save(made);
        return made;
    }
}
