package io.labbench.locallab.ssh;

import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The keys of one lab, made on its first {@code up} and kept for the next ones ({@link LabKeyStore}): the
 * learner's {@code id_rsa} (accepted by every machine) and one ECDSA host key per machine, which the lab pins in the known_hosts files it
 * writes, so no client ever has to trust a key on first use.
 */
public final class LabKeys {

    private final ClientKey client;
    private final Map<String, KeyPair> hostKeys;

    private LabKeys(ClientKey client, Map<String, KeyPair> hostKeys) {
        this.client = client;
        this.hostKeys = hostKeys;
    }

    /** All keys made in this JVM. */
    public static LabKeys generate(Iterable<String> machines) throws GeneralSecurityException, IOException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        // 2048 bits: a fresh key on every up, used on loopback only; 3072 costs seconds on a busy machine
        rsa.initialize(2048);
        return generate(machines, ClientKey.of(rsa.generateKeyPair()));
    }

    /** Fresh host keys around a client key made elsewhere ({@link ClientKeyGeneration}). */
    public static LabKeys generate(Iterable<String> machines, ClientKey client) throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Map<String, KeyPair> hosts = new TreeMap<>();
        for (String machine : machines) {
            hosts.put(machine, ec.generateKeyPair());
        }
        return new LabKeys(client, hosts);
    }

    /** Keys made before (see {@link LabKeyStore}). */
    static LabKeys of(ClientKey client, Map<String, KeyPair> hostKeys) {
        return new LabKeys(client, new TreeMap<>(hostKeys));
    }

    /** The learner's public key, the only one the lab's SSH servers accept. */
    public PublicKey clientPublicKey() {
        return client.publicKey();
    }

    public KeyPair hostKey(String machine) {
        KeyPair key = hostKeys.get(machine);
        if (key == null) {
            throw new IllegalArgumentException("no host key for " + machine);
        }
        return key;
    }

    /** {@code ecdsa-sha2-nistp256 AAAA…} as known_hosts and authorized_keys write it. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** Writes {@code id_rsa} (mode 600, OpenSSH format) and {@code id_rsa.pub} into {@code dir}. */
    public Path writeClientKey(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path privateKey = dir.resolve("id_rsa");
        writePrivate(privateKey, client.openSshPrivateKey());
        writeText(dir.resolve("id_rsa.pub"), publicKeyLine(client.publicKey()) + " " + ClientKey.COMMENT + "\n");
        return privateKey;
    }

    /** A secret (a private key): 0600 from the first byte, replaced whole ({@link AtomicFileWriter}). */
    static void writePrivate(Path file, byte[] content) throws IOException {
        AtomicFileWriter.write(file, content);
    }

    /**
     * A file the lab's shells and tools read (hosts, rc files, ssh config, known_hosts of the nodes):
     * replaced whole, so a crash never leaves half a file for the next shell; 0644 as such files are
     * on a real node, since programs in the lab's namespaces may read them as another user.
     */
    static void writeText(Path file, String text) throws IOException {
        AtomicFileWriter.write(file, text.getBytes(StandardCharsets.UTF_8), READABLE);
    }

    /** A script the nodes run: like {@link #writeText} but executable. */
    static void writeScript(Path file, String text) throws IOException {
        AtomicFileWriter.write(file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
}
