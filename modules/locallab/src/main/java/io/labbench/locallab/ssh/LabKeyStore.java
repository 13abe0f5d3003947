package io.labbench.locallab.ssh;

import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The lab's SSH keys kept from one {@code up} to the next, in a folder beside the lab folder (which
 * {@code down} deletes): the learner's {@code id_rsa}/{@code id_rsa.pub} as OpenSSH writes them and one
 * file per machine with its ECDSA host key. Making them was the longest part of {@code up} on a busy
 * machine (ssh-keygen's 2048-bit prime search), and keeping them also keeps the learner's own
 * known_hosts entries and copied key valid across ups, as a real cluster's would be. The folder is 0700 and
 * the private files 0600, like {@code ~/.ssh}; anything missing or unreadable makes the lab make fresh keys.
 */
public final class LabKeyStore {

    private static Logger log() {
        return Logger.getLogger(LabKeyStore.class.getName());
    }

    private final Path dir;

    public LabKeyStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The stored keys, when there is a client key and a host key for every one of {@code machines}. */
    public Optional<LabKeys> load(Collection<String> machines) {
        Path privateKey = dir.resolve("id_rsa");
        Path publicKey = dir.resolve("id_rsa.pub");
        if (!Files.isRegularFile(privateKey) || !Files.isRegularFile(publicKey)) {
            return Optional.empty();
        }
        try {
            PublicKey clientPublic = rsaPublicKey(Files.readString(publicKey, StandardCharsets.UTF_8).strip());
            ClientKey client = new ClientKey(clientPublic, Files.readAllBytes(privateKey));
            KeyFactory ec = KeyFactory.getInstance("EC");
            Map<String, KeyPair> hosts = new LinkedHashMap<>();
            for (String machine : machines) {
                Path file = hostKeyFile(machine);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                if (lines.size() < 2) {
                    throw new IOException(file + ": expected 2 lines (PKCS#8 private key, X.509 public key), found " + lines.size());
                }
                hosts.put(machine, new KeyPair(
                        ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip()))),
                        ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).strip())))));
            }
            return Optional.of(LabKeys.of(client, hosts));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            log().warning(() -> "the lab's stored SSH keys in " + dir + " are unreadable (" + e.getMessage() + "); making new ones");
            return Optional.empty();
        }
    }

    /** Stores {@code keys} for {@code machines} (replacing what was there). */
    public void save(LabKeys keys, Collection<String> machines) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        keys.writeClientKey(dir);
        for (String machine : machines) {
            KeyPair pair = keys.hostKey(machine);
            String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
            AtomicFileWriter.write(hostKeyFile(machine), text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * {@code ssh-rsa AAAA… comment} to the key, with the JDK alone: MINA's parser would first set up its
     * security providers (BouncyCastle's registration, 1.5 to 2 s of a busy machine's CPU), which this
     * part would then wait for before the SSH servers, which set them up anyway, could start.
     */
    static PublicKey rsaPublicKey(String line) throws GeneralSecurityException {
        String[] fields = line.split("\\s+");
        if (fields.length < 2 || !fields[0].equals("ssh-rsa")) {
            throw new GeneralSecurityException("expected an ssh-rsa public key line, found '" + fields[0] + "'");
        }
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(fields[1]));
        try {
            String type = new String(field(blob), StandardCharsets.US_ASCII);
            if (!type.equals("ssh-rsa")) {
                throw new GeneralSecurityException("the key's blob says '" + type + "', not ssh-rsa");
            }
            java.math.BigInteger exponent = new java.math.BigInteger(field(blob));
            java.math.BigInteger modulus = new java.math.BigInteger(field(blob));
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(modulus, exponent));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new GeneralSecurityException("the ssh-rsa key's blob is cut short", e);
        }
    }

    /** One length-prefixed field of an SSH key blob (RFC 4253, 6.6). */
    private static byte[] field(java.nio.ByteBuffer blob) {
        int length = blob.getInt();
        if (length < 0 || length > blob.remaining()) {
            throw new IllegalArgumentException("field length " + length);
        }
        byte[] bytes = new byte[length];
        blob.get(bytes);
        return bytes;
    }

    private Path hostKeyFile(String machine) {
        return dir.resolve("host-" + machine + ".key");
    }
}
