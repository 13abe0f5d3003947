package io.labbench.locallab.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Makes the lab's RSA client key in the background while the lab builds. {@code ssh-keygen} does it in
 * a few hundred milliseconds; the daemon's JVM (C1 only, no BigInteger intrinsics) needs 2 to 4 s for the
 * same 2048-bit prime search, which was the longest step of {@code lab up}. Without {@code ssh-keygen}
 * (openssh-client is optional) or if it fails, the key is made in Java as before.
 */
public final class ClientKeyGeneration implements AutoCloseable {

    /** Not a static field: a JVM's first logger costs 0.2 s, and up() makes this class first (see LocalLab). */
    private static Logger log() {
        return Logger.getLogger(ClientKeyGeneration.class.getName());
    }

    private final Path dir;
    private final Optional<Process> keygen;

    private ClientKeyGeneration(Path dir, Optional<Process> keygen) {
        this.dir = dir;
        this.keygen = keygen;
    }

    /** Starts {@code ssh-keygen} writing into {@code scratchDir} (created; removed by {@link #await}). */
    public static ClientKeyGeneration begin(Path scratchDir) {
        Optional<String> sshKeygen = LabSsh.findOnPath("ssh-keygen");
        if (sshKeygen.isEmpty()) {
            return new ClientKeyGeneration(scratchDir, Optional.empty());
        }
        try {
            Files.createDirectories(scratchDir);
            // ssh-keygen asks before it overwrites, and a crashed up may have left a key here
            Files.deleteIfExists(scratchDir.resolve("id_rsa"));
            Files.deleteIfExists(scratchDir.resolve("id_rsa.pub"));
            Process process = new ProcessBuilder(sshKeygen.get(), "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C",
                    ClientKey.COMMENT, "-f", scratchDir.resolve("id_rsa").toString())
                    .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
            return new ClientKeyGeneration(scratchDir, Optional.of(process));
        } catch (IOException e) {
            log().fine(() -> "ssh-keygen did not start, the key is made in Java: " + e);
            return new ClientKeyGeneration(scratchDir, Optional.empty());
        }
    }

    /** The key from {@code ssh-keygen}, or one made in Java when that did not work. */
    public ClientKey await() throws IOException {
        try {
            Optional<ClientKey> made = fromSshKeygen();
            if (made.isPresent()) {
                return made.get();
            }
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return ClientKey.of(rsa.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the lab's SSH client key: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    /** Stops {@code ssh-keygen} if it still runs (an {@code up} that failed) and removes its files. */
    @Override
    public void close() {
        keygen.ifPresent(Process::destroyForcibly);
        deleteScratch();
    }

    private Optional<ClientKey> fromSshKeygen() throws IOException {
        if (keygen.isEmpty()) {
            return Optional.empty();
        }
        Process process = keygen.get();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
                log().warning(() -> "ssh-keygen failed (" + output + "); the lab's key is made in Java");
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the lab's SSH key", e);
        }
        byte[] privateKey = Files.readAllBytes(dir.resolve("id_rsa"));
        String publicLine = Files.readString(dir.resolve("id_rsa.pub"), StandardCharsets.UTF_8).strip();
        try {
            PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(publicLine)
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
            return Optional.of(new ClientKey(publicKey, privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log().warning(() -> "cannot read the key ssh-keygen made (" + e + "); the lab's key is made in Java");
            return Optional.empty();
        }
    }

    private void deleteScratch() {
        for (String name : new String[] {"id_rsa", "id_rsa.pub"}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException ignored) {
                // the lab folder goes on down anyway
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // not empty or gone: the lab folder goes on down anyway
        }
    }
}
