package io.labbench.netparse.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates real outputs the ways transport and people break them: flipped characters, cuts, shuffled,
 * dropped and doubled lines, colour codes and CRs, splices of two outputs, and now and then a giant line.
 * Works on a window of a few lines so that a million inputs stay cheap.
 */
final class Mutator {
    private static final String[] NOISE = {"\u001b[31m", "\u001b[0m", "\r", "\t", "\\", "/*", "*/", "[", "]", "=",
            "\"", ":", "@", "<", ">", "-", "--", " ", "\u0000", "\uFFFD", "999999999999999999999", "K", "-1",
            "Chain ", "[ROUTE TABLE]", "Every 2.0s: x", "src=", "-A ", "{", "}", "\n"};

    private final List<String> seeds;
    private final List<String[]> seedLines = new ArrayList<>();
    private final SplittableRandom random;

    Mutator(List<String> seeds, long seed) {
        this.seeds = seeds;
        for (String s : seeds) {
            seedLines.add(s.split("\n", -1));
        }
        this.random = new SplittableRandom(seed);
    }

    String next() {
        String base = window(random.nextInt(seeds.size()));
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            base = mutate(base);
        }
        return base;
    }

    /** A few consecutive lines of a seed (the whole seed now and then), so each input is small. */
    private String window(int seed) {
        String[] lines = seedLines.get(seed);
        if (lines.length <= 6 || random.nextInt(50) == 0) {
            return seeds.get(seed);
        }
        int from = random.nextInt(lines.length);
        int to = Math.min(lines.length, from + 1 + random.nextInt(6));
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append('\n');
            }
            b.append(lines[i]);
        }
        return b.toString();
    }

    private String mutate(String s) {
        int op = random.nextInt(100);
        if (s.isEmpty()) {
            return NOISE[random.nextInt(NOISE.length)];
        }
        if (op < 30) {
            return flip(s);
        }
        if (op < 45) {
            return s.substring(0, random.nextInt(s.length() + 1));
        }
        if (op < 60) {
            return shuffleLines(s);
        }
        if (op < 70) {
            return dropOrDoubleLine(s);
        }
        if (op < 85) {
            return insert(s, NOISE[random.nextInt(NOISE.length)]);
        }
        if (op < 95) {
            String other = window(random.nextInt(seeds.size()));
            int at = random.nextInt(s.length() + 1);
            return s.substring(0, at) + other.substring(random.nextInt(other.length() + 1));
        }
        if (op < 99 || random.nextInt(20) != 0) {
            return s.replace("  ", " ").replace("\n", random.nextBoolean() ? "\r\n" : "\n\n");
        }
        return giantLine(s);
    }

    private String flip(String s) {
        char[] c = s.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(c.length);
            c[at] = switch (random.nextInt(4)) {
                case 0 -> (char) (c[at] ^ (1 << random.nextInt(7)));
                case 1 -> (char) random.nextInt(0x20, 0x7f);
                case 2 -> (char) random.nextInt(0, 0x20);
                default -> (char) random.nextInt(0x80, 0x3000);
            };
        }
        return new String(c);
    }

    private String shuffleLines(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        if (random.nextBoolean()) {
            Collections.shuffle(lines, new java.util.Random(random.nextLong()));
        } else if (lines.size() > 1) {
            Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
        }
        return String.join("\n", lines);
    }

    private String dropOrDoubleLine(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int at = random.nextInt(lines.size());
        if (random.nextBoolean() && lines.size() > 1) {
            lines.remove(at);
        } else {
            lines.add(at, lines.get(at));
        }
        return String.join("\n", lines);
    }

    private String insert(String s, String what) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    /** A line of 20k–120k characters: a repeated word, or a real line repeated without newlines. */
    private String giantLine(String s) {
        int size = 20_000 + random.nextInt(100_000);
        String unit = random.nextBoolean() ? "x " : s.replace("\n", " ");
        if (unit.isEmpty()) {
            unit = "x";
        }
        StringBuilder b = new StringBuilder(size + s.length());
        while (b.length() < size) {
            b.append(unit);
        }
        return insert(s, "\n" + b + "\n");
    }
}
