package io.labbench.sessions.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with a visible marker such as {@code [masked aws-secret-access-key]}: what
 * {@link SecretRules} finds (AWS key ids, secret keys and session tokens, GitHub tokens, bearer and
 * other authorisation headers, JWTs, kubeconfig tokens and client keys, passwords in assignments and
 * on command lines, in URLs), private key blocks (PEM and OpenSSH), and any literal registered with
 * {@link #addLiteral} (e.g. a password typed at a no-echo prompt). One masker serves a whole workspace:
 * its transcripts, evidence and exports, so a secret learned at one terminal is masked everywhere.
 *
 * <p>Text is read line by line ({@link #lines()} for a stream, {@link #mask} for a whole text, which
 * also drops ANSI escape codes first). A terminal may wrap a long secret onto a second line, so each
 * line of 40 columns or more that does not end in a space, and where a secret (or its name) reaches
 * the end, is also read joined to the start of the next line: a secret that runs across the break is
 * masked on both sides, and a value cut off by the end of a line is masked in case it goes on. The price: after such a line ending in a password value, the
 * first word of the next line is masked too.
 * Thread-safe; a {@link Lines} is not.
 */
public final class SecretMasker {

    private static final Pattern KEY_BLOCK_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern KEY_BLOCK_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");
    /** What may stand inside a key block: base64 rows, PEM headers (Proc-Type, DEK-Info), blank lines. */
    private static final Pattern KEY_BLOCK_ROW = Pattern.compile("[A-Za-z0-9+/=]*|[A-Za-z-]+: [^\\s].*");
    /** `aws configure get aws_secret_access_key` (or a session token) prints the bare secret on the next line. */
    private static final Pattern PRINTS_SECRET_NEXT = Pattern.compile(
            "(?i)\\bconfigure\\s+get\\s+(?:\\S+\\s+)*(?:aws_secret_access_key|aws_session_token|aws_security_token)\\b");
    private static final Pattern ANSI = Pattern.compile(
            "\\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\u0007\\u001B]*(?:\\u0007|\\u001B\\\\)?|[()][0-9A-Za-z]|[@-Z\\\\-_])");
    static final String PRIVATE_KEY_MARK = "[masked private key]";
    private static final String LITERAL_LABEL = "typed secret";
    private static final int MIN_LITERAL_LENGTH = 3;
    /** A literal's start at the end of a line is masked from this many characters on (it may wrap). */
    private static final int MIN_LITERAL_PREFIX = 4;
    /** A shorter line was not wrapped by a terminal (none is this narrow), so it is not joined to the next. */
    private static final int MIN_WRAP_COLUMNS = 40;
    /** How much of the line before is joined to a line: more than the longest secret and its context. */
    private static final int JOIN_WINDOW = 320;

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

    /** The text with ANSI escape codes dropped and every secret replaced; private key blocks may span lines. */
    public String mask(String text) {
        String plain = text.indexOf('\u001b') >= 0 ? ANSI.matcher(text).replaceAll("") : text;
        Lines lines = lines();
        StringBuilder out = new StringBuilder(plain.length());
        int start = 0;
        boolean first = true;
        while (true) {
            int newline = plain.indexOf('\n', start);
            String line = newline < 0 ? plain.substring(start) : plain.substring(start, newline);
            boolean crlf = line.endsWith("\r");
            Optional<String> masked = lines.next(crlf ? line.substring(0, line.length() - 1) : line);
            if (masked.isPresent()) {
                if (!first) {
                    out.append('\n');
                }
                out.append(masked.get()).append(crlf ? "\r" : "");
                first = false;
            }
            if (newline < 0) {
                return out.toString();
            }
            start = newline + 1;
        }
    }

    /** A masker for one stream of lines, remembering the line before and whether it is inside a private key block. */
    public Lines lines() {
        return new Lines();
    }

    /** Masks one line at a time; lines inside a private key block vanish. Not thread-safe: one per stream. */
    public final class Lines {
        private boolean insideKeyBlock;
        private boolean nextLineIsSecret;
        /** The end of the line before (unmasked), to find secrets a wrap cut in two; empty after a blank line or a key block. */
        private String before = "";

        /** The masked line, or empty when the whole line belongs to a private key block. */
        public Optional<String> next(String rawLine) {
            return Optional.ofNullable(nextOrNull(rawLine));
        }

        /**
         * {@link #next} without the {@link Optional}: null when the line belongs to a private key block.
         * A transcript calls it for every line of a flood, and most hold nothing to mask: outside a key
         * block, with no line before that may go on into this one, no typed secrets known, and none of the
         * rules' trigger words, "PRIVATE KEY" or "configure" in the line (one scan), nor the width of a
         * bare AWS secret, the line is its own masked form and changes nothing this stream remembers (the
         * full path below would give the same). Only the other lines take that path.
         */
        String nextOrNull(String rawLine) {
            if (!insideKeyBlock && !nextLineIsSecret && before.isEmpty() && literalsLongestFirst.isEmpty()
                    && rawLine.indexOf('\u001b') < 0 && SecretRules.words(rawLine) == 0 && !SecretRules.mayBeBareSecret(rawLine)) {
                return rawLine;
            }
            String line = rawLine.indexOf('\u001b') >= 0 ? ANSI.matcher(rawLine).replaceAll("") : rawLine;
            if (insideKeyBlock) {
                Matcher end = KEY_BLOCK_END.matcher(line);
                if (end.find()) {
                    insideKeyBlock = false;
                    before = "";
                    String rest = line.substring(end.end());
                    return rest.isBlank() ? null : maskLine(rest, "").text();
                }
                if (KEY_BLOCK_ROW.matcher(line.strip()).matches()) {
                    return null;
                }
                // Not key material: the block was cut short (`head -3 id_rsa`), and this line is ordinary output.
                insideKeyBlock = false;
                before = "";
            }
            Matcher begin = line.contains("PRIVATE KEY") ? KEY_BLOCK_BEGIN.matcher(line) : null;
            if (begin != null && begin.find()) {
                String head = line.substring(0, begin.start());
                Matcher end = KEY_BLOCK_END.matcher(line);
                if (end.find(begin.end())) {
                    String masked = maskLine(head, before).text() + PRIVATE_KEY_MARK + maskLine(line.substring(end.end()), "").text();
                    before = "";
                    return masked;
                }
                insideKeyBlock = true;
                String masked = maskLine(head, before).text() + PRIVATE_KEY_MARK;
                before = "";
                return masked;
            }
            Masked masked;
            if (nextLineIsSecret && !line.isBlank() && !line.strip().contains(" ")) {
                masked = new Masked(line.replace(line.strip(), "[masked aws-secret-access-key]"), true, false);
            } else {
                masked = maskLine(line, before);
            }
            nextLineIsSecret = !line.isBlank()
                    ? (SecretRules.words(line) & SecretRules.CONFIGURE_BIT) != 0 && PRINTS_SECRET_NEXT.matcher(line).find()
                    : nextLineIsSecret;
            before = mayGoOn(line, masked) ? (line.length() > JOIN_WINDOW ? line.substring(line.length() - JOIN_WINDOW) : line) : "";
            return masked.text();
        }

        /** Masks a line that is not finished yet (a prompt) without changing what the stream remembers. */
        public String peek(String partialLine) {
            String line = partialLine.indexOf('\u001b') >= 0 ? ANSI.matcher(partialLine).replaceAll("") : partialLine;
            if (insideKeyBlock && KEY_BLOCK_ROW.matcher(line.strip()).matches()) {
                return "";
            }
            return maskLine(line, insideKeyBlock ? "" : before).text();
        }
    }

    /** A masked line, and whether a secret reached its end (so it may go on in the next line). */
    private record Masked(String text, boolean secretAtEnd, boolean hasTrigger) {
        Masked(String text) {
            this(text, false, false);
        }
    }

    /**
     * Whether a terminal may have wrapped a secret from the end of {@code line} onto the next: the line
     * is as wide as a terminal, does not end in a space, and a secret (or the start of a typed one)
     * reached its end or a secret's name or prefix is in it. Most lines of a flood are not, which
     * spares them the second look {@link #maskLine} gives a joined pair.
     */
    private boolean mayGoOn(String line, Masked masked) {
        if (line.length() < MIN_WRAP_COLUMNS || Character.isWhitespace(line.charAt(line.length() - 1))) {
            return false;
        }
        if (masked.secretAtEnd() || masked.hasTrigger()) {
            return true;
        }
        for (String literal : literalsLongestFirst) {
            for (int length = Math.min(literal.length() - 1, line.length()); length >= 1; length--) {
                if (line.regionMatches(line.length() - length, literal, 0, length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Masks {@code line}, also where a secret begins at the end of {@code before} (the line above, which a
     * terminal may have wrapped) and runs on into this line.
     */
    private Masked maskLine(String line, String before) {
        if (line.isEmpty()) {
            return new Masked(line);
        }
        List<SecretRules.Span> spans = new ArrayList<>();
        boolean hasTrigger = SecretRules.find(line, spans);
        findLiterals(line, spans, true);
        if (!before.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
            String joined = before + line.substring(0, Math.min(line.length(), JOIN_WINDOW));
            List<SecretRules.Span> across = new ArrayList<>();
            SecretRules.find(joined, across);
            findLiterals(joined, across, false);
            int offset = before.length();
            for (SecretRules.Span span : across) {
                // A secret that runs across the break, or one whose name or flag ends the line before.
                if (span.matchStart() < offset && span.end() > offset) {
                    spans.add(new SecretRules.Span(Math.max(0, span.start() - offset), span.end() - offset, span.label()));
                }
            }
        }
        if (spans.isEmpty()) {
            return new Masked(line, false, hasTrigger);
        }
        boolean secretAtEnd = false;
        for (SecretRules.Span span : spans) {
            secretAtEnd |= span.end() == line.length();
        }
        return new Masked(render(line, spans), secretAtEnd, hasTrigger);
    }

    /** Adds where registered literals occur, and (at the end of a line) where one begins and may wrap. */
    private void findLiterals(String line, List<SecretRules.Span> spans, boolean prefixAtEnd) {
        List<String> literals = literalsLongestFirst;
        if (literals.isEmpty()) {
            return;
        }
        for (String literal : literals) {
            for (int at = line.indexOf(literal); at >= 0; at = line.indexOf(literal, at + literal.length())) {
                spans.add(new SecretRules.Span(at, at + literal.length(), LITERAL_LABEL));
            }
            if (prefixAtEnd) {
                for (int length = Math.min(literal.length() - 1, line.length()); length >= MIN_LITERAL_PREFIX; length--) {
                    if (line.regionMatches(line.length() - length, literal, 0, length)) {
                        spans.add(new SecretRules.Span(line.length() - length, line.length(), LITERAL_LABEL));
                        break;
                    }
                }
            }
        }
    }

    /** The line with every span replaced by its marker; overlapping spans become one, named by the earliest. */
    private static String render(String line, List<SecretRules.Span> spans) {
        List<SecretRules.Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(SecretRules.Span::start));
        StringBuilder out = new StringBuilder(line.length() + 32);
        int written = 0;
        int i = 0;
        while (i < sorted.size()) {
            SecretRules.Span first = sorted.get(i);
            int end = first.end();
            i++;
            while (i < sorted.size() && sorted.get(i).start() <= end) {
                end = Math.max(end, sorted.get(i).end());
                i++;
            }
            int start = Math.max(first.start(), written);
            out.append(line, written, start).append("[masked ").append(first.label()).append(']');
            written = Math.max(written, end);
        }
        return out.append(line, written, line.length()).toString();
    }
}
