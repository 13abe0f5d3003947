package io.labbench.locallab.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * AWS-shaped identifiers for one lab, derived from its prefix: the same lab always gets the same
 * account, VPC, subnet and ENI ids, so they stay put for the lab's life and across re-rolls.
 */
record LabAwsIds(String prefix) {

    /** e.g. {@code eni-0a1b2c3d4e5f60718} for {@code ("eni", "worker1/1")}. */
    String id(String kind, String what) {
        return kind + "-0" + hash(kind + "/" + what).substring(0, 16);
    }

    /** Twelve digits, never starting with 0. */
    String accountId() {
        String h = hash("account");
        StringBuilder digits = new StringBuilder();
        for (char c : h.toCharArray()) {
            digits.append(Character.digit(c, 16) % 10);
        }
        return "3" + digits.substring(0, 11);
    }

    /** Upper-case letters and digits (IAM ids, hosted zone ids). */
    String upper(String what, int length) {
        return hash(what).toUpperCase(java.util.Locale.ROOT).substring(0, length);
    }

    String mac(String what) {
        String h = hash("mac/" + what);
        return "02:" + h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6) + ":" + h.substring(6, 8) + ":" + h.substring(8, 10);
    }

    private String hash(String what) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((prefix + "/" + what).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
