package io.labbench.sessions.ssh;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The exit code of a command that a signal ended, as a shell gives it: 128 plus the signal's number (137
 * for KILL, 143 for TERM). OpenSSH's sshd reports such an end as an {@code exit-signal} with the signal's
 * name and no exit status (RFC 4254, 6.10), which JSch shows as exit status -1; the local lab, a local
 * shell endpoint and the learner's own {@code echo $?} in a pane all show 128 + N, so the app reports that
 * for SSH nodes too, through a plain exec channel and through the node runner alike.
 */
final class SignalExitCodes {

    /** RFC 4254's signal names (without "SIG"), the only ones sshd sends by name, with their Linux numbers. */
    private static final Map<String, Integer> LINUX_NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("ABRT", 6),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private SignalExitCodes() {
    }

    /** 128 + {@code signal}'s number. */
    private static int of(int signal) {
        return 128 + signal;
    }

    /** 128 + the named signal's number; empty for a name sshd does not send by name (e.g. {@code SIG@openssh.com}). */
    static OptionalInt of(String signalName) {
        Integer number = LINUX_NUMBERS.get(signalName);
        return number == null ? OptionalInt.empty() : OptionalInt.of(of(number));
    }
}
