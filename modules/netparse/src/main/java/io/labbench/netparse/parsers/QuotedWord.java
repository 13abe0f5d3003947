package io.labbench.netparse.parsers;

/**
 * A shell-style word as iptables-save prints comments: {@code "AWS, primary ENI"} (double quotes, backslash
 * escapes) or a bare word. {@code end} is the index just after it.
 */
record QuotedWord(String value, int end) {
    static QuotedWord read(String line, int start) {
        int n = line.length();
        if (start >= n) {
            return new QuotedWord("", n);
        }
        if (line.charAt(start) != '"') {
            int end = start;
            while (end < n && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                end++;
            }
            return new QuotedWord(line.substring(start, end), end);
        }
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < n) {
                b.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                return new QuotedWord(b.toString(), i + 1);
            } else {
                b.append(c);
                i++;
            }
        }
        // Unterminated quote (line cut short): keep what is there.
        return new QuotedWord(b.toString(), n);
    }
}
