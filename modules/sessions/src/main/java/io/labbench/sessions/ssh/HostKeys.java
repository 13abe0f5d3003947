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

    /**
     * Whether {@code blob} is a whole SSH public key of {@code type}: its own type string says so and it
     * splits exactly into length-prefixed fields. A line cut by a crash, or base64 that decodes to
     * something else, fails this; OpenSSH skips such a line rather than reading it as a different key.
     */
    static boolean wellFormed(byte[] blob, String type) {
        if (!type(blob).equals(type)) {
            return false;
        }
        ByteBuffer fields = ByteBuffer.wrap(blob);
        int count = 0;
        while (fields.remaining() >= 4) {
            int length = fields.getInt();
            if (length < 0 || length > fields.remaining()) {
                return false;
            }
            fields.position(fields.position() + length);
            count++;
        }
        return !fields.hasRemaining() && count >= 2;
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
