package io.labbench.localaws;

import java.security.SecureRandom;

/**
 * The one key pair a lab's endpoint accepts, generated per lab: shaped like an IAM user's access key
 * ({@code AKIA} + 16 base-32 characters, a 40-character secret) so SDKs and the CLI take it, but it is
 * no AWS key and opens nothing outside the lab. {@link #toString()} never shows the secret.
 */
public record LabCredentials(String accessKeyId, String secretAccessKey) {

    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public LabCredentials {
        if (!accessKeyId.matches("[A-Z0-9]{16,128}") || secretAccessKey.length() < 16) {
            throw new IllegalArgumentException("lab credentials need an access key id of 16+ upper-case letters or digits and a secret of 16+ characters");
        }
    }

    public static LabCredentials generate() {
        SecureRandom random = new SecureRandom();
        return new LabCredentials("AKIA" + pick(random, KEY_ALPHABET, 16), pick(random, SECRET_ALPHABET, 40));
    }

    private static String pick(SecureRandom random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "LabCredentials[" + accessKeyId + ", secret ****]";
    }
}
