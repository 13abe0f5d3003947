package io.labbench.sessions.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Reads what a host key blob says about itself: its type and its OpenSSH SHA256 fingerprint. */
final class HostKeys {

    private HostKeys() {
    }

    /** The algorithm name at the start of an SSH public key blob, e.g. {@code ssh-ed25519}. */
    static String type(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4) {
            return "unknown";
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    /** As {@code ssh-keygen -lf} prints it: {@code SHA256:} and unpadded base64 of the blob's SHA-256. */
    static String sha256Fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** How known_hosts names a host: plain for port 22, {@code [host]:port} otherwise. */
    static String hostEntry(String host, int port) {
        return port == 22 || port <= 0 ? host : "[" + host + "]:" + port;
    }
}
