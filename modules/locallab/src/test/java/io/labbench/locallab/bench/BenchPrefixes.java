package io.labbench.locallab.bench;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lab prefixes for benchmarks: a stem naming the benchmark plus random hex, as {@code TestLabs} gives
 * tests, so a benchmark never takes the name of a running lab (the learner's {@code lb}, another
 * benchmark's, a test's) and never tears one down in its clean-up.
 */
final class BenchPrefixes {

    private BenchPrefixes() {
    }

    /** {@code stem} (2–3 letters) and 6 hex digits: within the 9 characters a lab prefix may have. */
    static String random(String stem) {
        if (stem.length() > 3) {
            throw new IllegalArgumentException("a benchmark prefix stem has at most 3 characters: " + stem);
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return stem + HexFormat.of().formatHex(random);
    }
}
