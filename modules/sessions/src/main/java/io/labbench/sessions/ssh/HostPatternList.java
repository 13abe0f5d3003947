package io.labbench.sessions.ssh;

import java.util.Locale;

/**
 * The host field of a known_hosts line as OpenSSH matches it ({@code match_hostname} in match.c): a
 * comma-separated list of glob patterns ({@code *}, {@code ?}) compared, ignoring case, with the whole
 * host entry, which is {@code host} for port 22 and {@code [host]:port} otherwise; a pattern starting
 * with {@code !} that matches excludes the host whatever else matches. MINA SSHD's own matcher differs
 * here ({@code *} never matches a host on another port, {@code ![host]:port} is refused), so this small
 * part follows OpenSSH directly.
 */
final class HostPatternList {

    private HostPatternList() {
    }

    static boolean matches(String patternList, String hostEntry) {
        String host = hostEntry.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String pattern : patternList.split(",")) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (glob.isEmpty() || !globMatches(glob, 0, host, 0)) {
                continue;
            }
            if (negated) {
                return false;
            }
            matched = true;
        }
        return matched;
    }

    /** Iterative glob match with backtracking to the last {@code *}: linear in practice, no regular expressions. */
    private static boolean globMatches(String glob, int g, String text, int t) {
        int starGlob = -1;
        int starText = -1;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starGlob = g++;
                starText = t;
            } else if (starGlob >= 0) {
                g = starGlob + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
