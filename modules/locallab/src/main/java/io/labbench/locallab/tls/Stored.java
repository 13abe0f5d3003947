package io.labbench.locallab.tls;

import java.nio.file.Path;

/**
 * What a lab found when it looked for credentials it kept at an earlier {@code up}: ones to use again,
 * a plain reason to make new ones (none yet, about to expire, made for other names), or a damaged file.
 * The last two both end in new credentials that replace the files; only a damaged file is a warning.
 */
public sealed interface Stored<T> {

    /** What to tell the learner (or the log) when this is not {@link Found}, e.g. why new credentials are made. */
    String describe();

    record Found<T>(T value) implements Stored<T> {
        @Override
        public String describe() {
            return "kept from an earlier up";
        }

        @Override
        public String toString() {
            return "Found[kept credentials]"; // never the keys
        }
    }

    /** @param reason e.g. {@code none kept yet}, {@code lab-ca.crt expires on 2027-01-02} */
    record Renew<T>(String reason) implements Stored<T> {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** @param problem what the file holds instead of what was expected */
    record Damaged<T>(Path file, String problem) implements Stored<T> {
        @Override
        public String describe() {
            return file + ": " + problem;
        }
    }
}
