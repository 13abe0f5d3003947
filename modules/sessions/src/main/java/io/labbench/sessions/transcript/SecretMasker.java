package io.labbench.sessions.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces secrets in text with a visible marker such as {@code [masked aws-secret-access-key]}:
 * AWS access key ids ({@code AKIA…}, {@code ASIA…}) and secret access keys, session tokens, private
 * key blocks (PEM and OpenSSH), bearer/basic authorisation, JWTs, kubeconfig tokens and client keys,
 * {@code password=…} style assignments, and any literal registered with {@link #addLiteral} (e.g. a
 * password typed at a no-echo prompt). Use {@link #mask} for whole texts and {@link #lines()} for a
 * stream read line by line, where a private key block spans lines. Thread-safe.
 */
public final class SecretMasker {

    private static final String KEY_BLOCK_BEGIN = "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----";
    private static final String KEY_BLOCK_END = "-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----";
    private static final Pattern WHOLE_KEY_BLOCK = Pattern.compile(KEY_BLOCK_BEGIN + ".*?(?:" + KEY_BLOCK_END + "|\\z)", Pattern.DOTALL);
    private static final Pattern BLOCK_BEGIN = Pattern.compile(KEY_BLOCK_BEGIN);
    private static final Pattern BLOCK_END = Pattern.compile(KEY_BLOCK_END);
    private static final String PRIVATE_KEY_MARK = "[masked private key]";
    private static final int MIN_LITERAL_LENGTH = 3;

    /**
     * A pattern whose group "secret" is replaced; text around it stays for context. The pattern only
     * runs on lines containing one of its triggers (compared ignoring case unless {@code caseSensitive}),
     * which keeps masking a flood of terminal output cheap.
     */
    private record Rule(String label, List<TriggerWords.Word> triggers, Pattern pattern) {
        Rule(String label, String triggers, boolean caseSensitive, Pattern pattern) {
            this(label, Stream.of(triggers.split("\\|")).map(word -> new TriggerWords.Word(word, !caseSensitive)).toList(),
                    pattern);
        }
    }

    private static final List<Rule> RULES = List.of(
            // The pair in a credentials CSV or `aws configure` output: access key id followed by its secret.
            new Rule("aws-secret-access-key", "AKIA|ASIA", true, Pattern.compile(
                    "(?<=(?:AKIA|ASIA)[A-Z0-9]{16}[\\s,;:|\"']{1,8})(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")),
            new Rule("aws-access-key-id", "AKIA|ASIA", true, Pattern.compile("(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])")),
            new Rule("aws-secret-access-key", "secret", false, Pattern.compile(
                    "(?i)(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9/+=]{20,})")),
            new Rule("aws-session-token", "token", false, Pattern.compile(
                    "(?i)(?:aws_?session_?token|session_?token|aws_?security_?token)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9/+=]{16,})")),
            new Rule("token", "bearer", false, Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]{8,}=*)")),
            new Rule("credentials", "authorization", false, Pattern.compile("(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?basic\\s+(?<secret>[A-Za-z0-9+/]{8,}=*)")),
            new Rule("token", "eyJ", true, Pattern.compile("(?<secret>eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,})")),
            new Rule("token", "token", false, Pattern.compile(
                    "(?i)(?:--token[= ]|\\btoken[\"']?\\s*[:=]\\s*[\"']?)(?<secret>[A-Za-z0-9\\-._~+/]{16,}=*)")),
            new Rule("private key", "client-key-data", false, Pattern.compile("(?i)\\bclient-key-data[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9+/=]{16,})")),
            new Rule("password", "pass|pwd", false, Pattern.compile(
                    "(?i)\\b(?:password|passwd|passphrase|pwd)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"',;]{3,})")));

    /** Every rule's triggers, looked for in one pass over a line. */
    private static final List<TriggerWords.Word> TRIGGERS = RULES.stream().flatMap(rule -> rule.triggers().stream())
            .distinct().toList();
    private static final TriggerWords TRIGGER_WORDS = new TriggerWords(TRIGGERS);
    /** For each rule, in order, the bits of its triggers in {@link TriggerWords#find}'s answer. */
    private static final int[] RULE_TRIGGER_BITS = RULES.stream()
            .mapToInt(rule -> rule.triggers().stream().mapToInt(word -> 1 << TRIGGERS.indexOf(word)).reduce(0, (a, b) -> a | b))
            .toArray();

    private final Set<String> literals = ConcurrentHashMap.newKeySet();
    private volatile List<String> literalsLongestFirst = List.of();

    public static SecretMasker standard() {
        return new SecretMasker();
    }

    /** Masks {@code secret} wherever it appears from now on (a typed password, a known token). */
    public void addLiteral(String secret) {
        if (secret != null && secret.strip().length() >= MIN_LITERAL_LENGTH && literals.add(secret.strip())) {
            List<String> sorted = new ArrayList<>(literals);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            literalsLongestFirst = List.copyOf(sorted);
        }
    }

    /** The text with every secret replaced; private key blocks may span lines. */
    public String mask(String text) {
        String withoutKeys = text.contains("PRIVATE KEY")
                ? WHOLE_KEY_BLOCK.matcher(text).replaceAll(Matcher.quoteReplacement(PRIVATE_KEY_MARK)) : text;
        return maskLine(withoutKeys);
    }

    /** A masker for one stream of lines, remembering whether it is inside a private key block. */
    public Lines lines() {
        return new Lines();
    }

    /** Masks one line at a time; lines inside a private key block vanish. Not thread-safe: one per stream. */
    public final class Lines {
        private boolean insideKeyBlock;

        /** The masked line, or empty when the whole line belongs to a private key block. */
        public Optional<String> next(String line) {
            if (insideKeyBlock) {
                Matcher end = BLOCK_END.matcher(line);
                if (!end.find()) {
                    return Optional.empty();
                }
                insideKeyBlock = false;
                String rest = line.substring(end.end());
                return rest.isBlank() ? Optional.empty() : Optional.of(maskLine(rest));
            }
            Matcher begin = line.contains("PRIVATE KEY") ? BLOCK_BEGIN.matcher(line) : null;
            if (begin != null && begin.find()) {
                Matcher end = BLOCK_END.matcher(line);
                if (end.find(begin.end())) {
                    return Optional.of(mask(line));
                }
                insideKeyBlock = true;
                return Optional.of(maskLine(line.substring(0, begin.start())) + PRIVATE_KEY_MARK);
            }
            return Optional.of(maskLine(line));
        }

        /** Masks a line that is not finished yet (a prompt) without changing the block state. */
        public String peek(String partialLine) {
            return insideKeyBlock ? "" : maskLine(partialLine);
        }
    }

    private String maskLine(String line) {
        String masked = line;
        for (String literal : literalsLongestFirst) {
            masked = masked.replace(literal, "[masked typed secret]");
        }
        int triggersFound = TRIGGER_WORDS.find(masked);
        for (int i = 0; i < RULES.size() && triggersFound != 0; i++) {
            if ((triggersFound & RULE_TRIGGER_BITS[i]) != 0) {
                String before = masked;
                masked = replaceSecretGroup(masked, RULES.get(i));
                if (!masked.equals(before)) {
                    // The marker replaced text that may have held later rules' triggers.
                    triggersFound = TRIGGER_WORDS.find(masked);
                }
            }
        }
        return masked;
    }

    private static String replaceSecretGroup(String text, Rule rule) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, matcher.start("secret")).append("[masked ").append(rule.label()).append(']');
            last = matcher.end("secret");
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }
}
