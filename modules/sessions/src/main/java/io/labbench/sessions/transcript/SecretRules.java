package io.labbench.sessions.transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The patterns that find secrets in one line of text, each naming what it found. A rule's group
 * "secret" is what gets masked; text around it stays for context. A value cut off by the end of the
 * line counts too (the rest may continue on the next line when a terminal wraps it), which is why most
 * rules end with a {@code …$} alternative. A rule only runs on lines containing one of its trigger
 * words (compared ignoring case unless the rule is case-sensitive), which keeps masking a flood of
 * terminal output cheap; a bare AWS secret key, which has no trigger, is found by a plain scan.
 */
final class SecretRules {

    /** Where a secret is in a line ({@code start} to {@code end}), where the text that gave it away began, and what kind it is. */
    record Span(int matchStart, int start, int end, String label) {
        Span(int start, int end, String label) {
            this(start, start, end, label);
        }
    }

    private record Rule(String label, List<TriggerWords.Word> triggers, Pattern pattern) {
        Rule(String label, String triggers, boolean caseSensitive, String regex) {
            this(label, Stream.of(triggers.split("\\|"))
                    .map(word -> new TriggerWords.Word(word, !caseSensitive)).toList(), Pattern.compile(regex));
        }
    }

    /** Characters of base64 keys and secret access keys. */
    private static final String B64 = "[A-Za-z0-9/+=]";
    /** Separators between a key's name and its value: {@code =}, {@code :}, or spaces (shell arguments, prompts). */
    private static final String SEP = "[\"']?(?:\\s*[:=]\\s*|\\s+)[\"']?";

    private static final List<Rule> RULES = List.of(
            // The pair in a credentials CSV or `aws configure` output: access key id followed by its secret.
            new Rule("aws-secret-access-key", "AKIA|ASIA", true,
                    "(?<=(?:AKIA|ASIA)[A-Z0-9]{16}[\\s,;:|\"']{1,8})(?<secret>" + B64 + "{40})(?!" + B64 + ")"),
            new Rule("aws-access-key-id", "AKIA|ASIA", true,
                    "(?<![A-Z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])|(?:AKIA|ASIA)[A-Z0-9]{0,15}$)"),
            // export AWS_SECRET_ACCESS_KEY=…, "SecretAccessKey": "…", aws configure set aws_secret_access_key …,
            // and the prompt of `aws configure`: "AWS Secret Access Key [None]: …".
            new Rule("aws-secret-access-key", "secret", false,
                    "(?i)(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key|secret access key(?: \\[[^\\]\\n]*\\])?)"
                            + SEP + "(?<secret>" + B64 + "{20,}|" + B64 + "+$)"),
            new Rule("aws-session-token", "token", false,
                    "(?i)(?:aws_?session_?token|session_?token|aws_?security_?token)" + SEP + "(?<secret>" + B64 + "{16,}|" + B64 + "+$)"),
            new Rule("github-token", "ghp_|gho_|ghu_|ghs_|ghr_|github_pat_", true,
                    "(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,251}"
                            + "|gh[pousr]_[A-Za-z0-9]*$|github_pat_[A-Za-z0-9_]*$)"),
            new Rule("token", "bearer", false, "(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]{8,}=*|[A-Za-z0-9\\-._~+/]+=*$)"),
            // Authorization: Basic …, Authorization: token ghp_… (GitHub's form), any other scheme.
            new Rule("credentials", "authorization", false,
                    "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?[A-Za-z]+\\s+(?<secret>[A-Za-z0-9\\-._~+/]{4,}=*|[A-Za-z0-9\\-._~+/]+=*$)"),
            new Rule("token", "eyJ", true,
                    "(?<secret>eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_.-]*$)"),
            new Rule("token", "token", false,
                    "(?i)(?:--token[= ]|\\btoken[\"']?\\s*[:=]\\s*[\"']?)(?<secret>[A-Za-z0-9\\-._~+/]{16,}=*|[A-Za-z0-9\\-._~+/]+=*$)"),
            new Rule("private key", "client-key-data", false,
                    "(?i)\\bclient-key-data[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9+/=]{16,}|[A-Za-z0-9+/=]+$)"),
            new Rule("password", "pass|pwd", false,
                    "(?i)(?<![A-Za-z0-9])(?:password|passwd|passphrase|pwd)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"',;]{3,}|[^\\s\"',;]+$)"),
            // mysql -pSECRET (the password glued to -p, as mysql wants it).
            new Rule("password", "mysql|mariadb", false,
                    "(?i)\\b(?:mysql|mariadb|mysqldump|mysqladmin)\\b[^\\n]*?\\s-p[\"']?(?<secret>[^\\s\"']+)"),
            new Rule("password", "sshpass", false, "\\bsshpass\\b[^\\n]*?\\s-p\\s*[\"']?(?<secret>[^\\s\"']+)"),
            // curl -u user:SECRET, --user user:SECRET, wget --password is the password rule's.
            new Rule("password", "-u|--user", true,
                    "(?:(?<=\\s)-u\\s*|--user[\\s=]+)[\"']?[^\\s:\"']+:(?<secret>[^\\s\"']+)"),
            // https://user:SECRET@host and a URL cut by the end of the line after the colon.
            new Rule("password", "://", true,
                    "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:(?<secret>[^/\\s@]+(?=@)|(?!\\d+$)[^/\\s@]+$)"));

    /** The words other parts of the masker look for in a line ({@link SecretMasker}): one scan finds them with the rules'. */
    static final TriggerWords.Word PRIVATE_KEY = new TriggerWords.Word("PRIVATE KEY", false);
    /** Case-blind, as the rule it guards ({@code SecretMasker}'s "next line is a secret") is: {@code CONFIGURE GET …} counts too. */
    static final TriggerWords.Word CONFIGURE = new TriggerWords.Word("configure", true);

    private static final List<TriggerWords.Word> TRIGGERS = Stream.concat(
            RULES.stream().flatMap(rule -> rule.triggers().stream()), Stream.of(PRIVATE_KEY, CONFIGURE)).distinct().toList();
    private static final TriggerWords TRIGGER_WORDS = new TriggerWords(TRIGGERS);
    /** For each rule, in order, the bits of its triggers in {@link TriggerWords#find}'s answer. */
    private static final int[] RULE_TRIGGER_BITS = RULES.stream()
            .mapToInt(rule -> rule.triggers().stream().mapToInt(word -> 1 << TRIGGERS.indexOf(word)).reduce(0, (a, b) -> a | b))
            .toArray();
    private static final int ANY_RULE_TRIGGER = Arrays.stream(RULE_TRIGGER_BITS).reduce(0, (a, b) -> a | b);
    /** {@link #words}' bit for {@link #PRIVATE_KEY} and for {@link #CONFIGURE}. */
    static final int PRIVATE_KEY_BIT = 1 << TRIGGERS.indexOf(PRIVATE_KEY);
    static final int CONFIGURE_BIT = 1 << TRIGGERS.indexOf(CONFIGURE);

    private SecretRules() {
    }

    /**
     * The trigger words in {@code line} as bits: any rule's ({@link #hasRuleTrigger}), {@link #PRIVATE_KEY_BIT}
     * and {@link #CONFIGURE_BIT}. A line with none, which is not a bare AWS secret ({@link #mayBeBareSecret}),
     * holds nothing the rules mask.
     */
    static int words(String line) {
        return TRIGGER_WORDS.find(line);
    }

    static boolean hasRuleTrigger(int words) {
        return (words & ANY_RULE_TRIGGER) != 0;
    }

    /**
     * Adds every secret the rules find in {@code line}, in rule order (earlier rules name overlapping
     * finds); answers whether the line holds any rule's trigger word (a secret's name may be there).
     */
    static boolean find(String line, List<Span> into) {
        int triggersFound = TRIGGER_WORDS.find(line);
        for (int i = 0; i < RULES.size(); i++) {
            if ((triggersFound & RULE_TRIGGER_BITS[i]) != 0) {
                Matcher matcher = RULES.get(i).pattern().matcher(line);
                while (matcher.find()) {
                    if (matcher.end("secret") > matcher.start("secret")) {
                        into.add(new Span(matcher.start(), matcher.start("secret"), matcher.end("secret"), RULES.get(i).label()));
                    }
                }
            }
        }
        findBareAwsSecrets(line, into);
        return hasRuleTrigger(triggersFound);
    }

    static List<Span> find(String line) {
        List<Span> spans = new ArrayList<>();
        find(line, spans);
        return spans;
    }

    /**
     * The bare 40 characters {@code aws configure get aws_secret_access_key} prints, or a key pasted on
     * a line of its own: a line that is, spaces aside, exactly 40 key characters ({@code A-Z a-z 0-9 / +})
     * mixing lower case, upper case and digits, which a hex digest or a word never does. Only whole lines,
     * so this costs nothing on the long base64 lines of a flood; inside other text the rules' names give
     * a secret away.
     */
    private static void findBareAwsSecrets(String line, List<Span> into) {
        int end = line.length();
        if (end < 40) {
            return;
        }
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (end - start != 40) {
            return;
        }
        for (int i = start; i < end; i++) {
            if (!isKeyChar(line.charAt(i))) {
                return;
            }
        }
        if (mixesCasesAndDigits(line, start, end)) {
            into.add(new Span(start, end, "aws-secret-access-key"));
        }
    }

    /** Whether {@code line} is, spaces aside, 40 characters long: the only lines {@link #findBareAwsSecrets} looks at. */
    static boolean mayBeBareSecret(String line) {
        int end = line.length();
        if (end < 40) {
            return false;
        }
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        return end - start == 40;
    }

    private static boolean mixesCasesAndDigits(String line, int start, int end) {
        int kinds = 0;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            kinds |= c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 4 : 0;
        }
        return kinds == 7;
    }

    private static final boolean[] KEY_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            KEY_CHAR[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
        }
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && KEY_CHAR[c];
    }
}
