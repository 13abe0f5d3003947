package io.labbench.sessions.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real OpenSSH key files made with {@code ssh-keygen}, for tests that authenticate the way users do. */
public final class TestKeys {

    /** A key type as ssh-keygen names it, with a size where the type takes one. */
    public enum Type {
        RSA("rsa", "2048"), ECDSA("ecdsa", "256"), ED25519("ed25519", null);

        private final String keygenName;
        private final String bits;

        Type(String keygenName, String bits) {
            this.keygenName = keygenName;
            this.bits = bits;
        }
    }

    /** A private key file and its {@code .pub} beside it. */
    public record KeyFiles(Path privateKey, Path publicKey) {
        public String publicKeyLine() throws IOException {
            return Files.readString(publicKey, StandardCharsets.UTF_8).strip();
        }
    }

    private TestKeys() {
    }

    /** An unencrypted key. */
    public static KeyFiles generate(Path directory, Type type) throws IOException {
        return generate(directory, type, "");
    }

    /** A key encrypted with {@code passphrase} (empty for none), in OpenSSH's own format. */
    public static KeyFiles generate(Path directory, Type type, String passphrase) throws IOException {
        Files.createDirectories(directory);
        Path key = directory.resolve("id_" + type.keygenName + (passphrase.isEmpty() ? "" : "_encrypted"));
        for (int n = 2; Files.exists(key); n++) {
            key = directory.resolve("id_" + type.keygenName + (passphrase.isEmpty() ? "" : "_encrypted") + "_" + n);
        }
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type.keygenName, "-N", passphrase,
                "-C", "lbt-test-" + type.keygenName, "-f", key.toString()));
        if (type.bits != null) {
            command.addAll(List.of("-b", type.bits));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("ssh-keygen failed for " + type + ": " + output + " (is openssh-client installed?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ssh-keygen", e);
        }
        return new KeyFiles(key, Path.of(key + ".pub"));
    }
}
