package io.labbench.sessions.transcript;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which of a fixed set of short words occur in a line, found in one pass over it without copying it:
 * the cheap test that decides whether a masking rule's regular expression needs to run at all. Each
 * word is compared either exactly or ignoring ASCII case. A table keyed by every two-character pair
 * names the words that may start there, and a second marks the pairs near a word, so ordinary output
 * is passed over two characters per lookup. The table holds a byte per pair (an index into the few distinct sets of words), 16 KB
 * that stay in the first-level cache, where a set per pair took 64 KB and missed it on base64 text; the rare candidates are confirmed with {@link String#regionMatches}. Words must be
 * printable ASCII, at least two characters long; at most 32 of them. Immutable and thread-safe.
 */
final class TriggerWords {

    /** A word and how to compare it. */
    record Word(String text, boolean ignoreCase) {
        Word {
            if (text.length() < 2 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("a trigger word must be printable ASCII of 2 or more characters: " + text);
            }
        }
    }

    private static final int ASCII = 128;

    private final List<Word> words;
    /** For each pair of ASCII characters, where in {@link #wordSets} the bits of the words that begin with it are. */
    private final byte[] wordSetStartingWith = new byte[ASCII * ASCII];
    /**
     * For each word of 3 or more characters, its third character in either spelling: checked before the
     * whole word, it turns away almost every candidate a pair lets through in base64 text ("to", "se").
     */
    private final char[] thirdSpelling1;
    private final char[] thirdSpelling2;
    /** For each pair of ASCII characters, whether a word may start at it, one before it or one after it (see {@link #find}). */
    private final boolean[] nearWord = new boolean[ASCII * ASCII];
    /** The distinct sets of words that begin with some pair; the first is the empty set. */
    private final int[] wordSets;

    TriggerWords(List<Word> words) {
        if (words.size() > Integer.SIZE) {
            throw new IllegalArgumentException("at most 32 trigger words, not " + words.size());
        }
        this.words = List.copyOf(words);
        int[] wordsStartingWith = new int[ASCII * ASCII];
        this.thirdSpelling1 = new char[words.size()];
        this.thirdSpelling2 = new char[words.size()];
        for (int bit = 0; bit < words.size(); bit++) {
            Word word = words.get(bit);
            char first = word.text().charAt(0);
            char second = word.text().charAt(1);
            if (word.text().length() > 2) {
                char[] third = spellings(word.text().charAt(2), word.ignoreCase());
                thirdSpelling1[bit] = third[0];
                thirdSpelling2[bit] = third[third.length - 1];
            }
            for (char a : spellings(first, word.ignoreCase())) {
                for (char b : spellings(second, word.ignoreCase())) {
                    wordsStartingWith[a * ASCII + b] |= 1 << bit;
                    nearWord[a * ASCII + b] = true;
                    if (word.text().length() > 2) {
                        for (char c : spellings(word.text().charAt(2), word.ignoreCase())) {
                            nearWord[b * ASCII + c] = true;
                        }
                    } else {
                        for (int before = 0; before < ASCII; before++) {
                            nearWord[before * ASCII + a] = true;
                        }
                    }
                }
            }
        }
        int[] sets = IntStream.concat(IntStream.of(0),
                Arrays.stream(wordsStartingWith).filter(set -> set != 0).distinct()).toArray();
        if (sets.length > 256) {
            throw new IllegalArgumentException("the trigger words begin with too many different pairs: " + sets.length);
        }
        for (int pair = 0; pair < wordsStartingWith.length; pair++) {
            for (int index = 0; index < sets.length; index++) {
                if (sets[index] == wordsStartingWith[pair]) {
                    wordSetStartingWith[pair] = (byte) index;
                    break;
                }
            }
        }
        this.wordSets = sets;
    }

    /**
     * The bits (by position in the list given) of the words found in {@code line}. Only every second
     * pair is looked up: a word starting at an even position begins with the pair there, one starting at
     * an odd position has its second and third characters there, and a two-character word starting at
     * an odd position ends the pair before it with its first character. Such a pair is "near" a word
     * ({@link #nearWord}), and only then are the three starts around it compared. On base64 text this
     * halves the lookups of the flood's hottest loop.
     */
    int find(String line) {
        int found = 0;
        int last = line.length() - 1;
        for (int i = 0; i < last; i += 2) {
            char a = line.charAt(i);
            char b = line.charAt(i + 1);
            if ((a | b) < ASCII && !nearWord[a * ASCII + b]) {
                continue;
            }
            // A pair near a word, or one with a non-ASCII character (rare; compared the slow way).
            if (i > 0) {
                found = findAt(line, i - 1, found);
            }
            found = findAt(line, i, found);
            found = findAt(line, i + 1, found);
        }
        return found;
    }

    /** {@code found} with the bits of the words that start at {@code i} of {@code line} added. */
    private int findAt(String line, int i, int found) {
        int last = line.length() - 1;
        if (i >= last) {
            return found;
        }
        char a = line.charAt(i);
        char b = line.charAt(i + 1);
        if ((a | b) >= ASCII) {
            return found;
        }
        int set = wordSetStartingWith[a * ASCII + b];
        if (set == 0) {
            return found;
        }
        int candidates = wordSets[set & 0xff] & ~found;
        while (candidates != 0) {
            int bit = Integer.numberOfTrailingZeros(candidates);
            candidates &= candidates - 1;
            Word word = words.get(bit);
            if (word.text().length() > 2) {
                char third = i + 2 <= last ? line.charAt(i + 2) : 0;
                if (third != thirdSpelling1[bit] && third != thirdSpelling2[bit]) {
                    continue;
                }
            }
            if (line.regionMatches(word.ignoreCase(), i, word.text(), 0, word.text().length())) {
                found |= 1 << bit;
            }
        }
        return found;
    }

    private static char[] spellings(char c, boolean ignoreCase) {
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        return ignoreCase && lower != upper ? new char[] {lower, upper} : new char[] {c};
    }
}
