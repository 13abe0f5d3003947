package io.labbench.locallab.kube.api;

import java.security.SecureRandom;

/**
 * Random and hashed name suffixes in Kubernetes' alphabet (no vowels, no 0/1/3, so no words), as in
 * {@code nginx-deployment-6fb79bc456-x7k2p}.
 */
public final class NameSuffix {
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private NameSuffix() {
    }

    public static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMS.charAt(RANDOM.nextInt(ALPHANUMS.length())));
        }
        return b.toString();
    }

    /**
     * The pod-template-hash of a template: FNV-1a 32 of its JSON, written as Kubernetes'
     * {@code SafeEncodeString} writes the decimal hash.
     */
    public static String templateHash(String templateJson) {
        int hash = 0x811c9dc5;
        for (byte b : templateJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder b = new StringBuilder();
        for (char c : decimal.toCharArray()) {
            b.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return b.toString();
    }
}
