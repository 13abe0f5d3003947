package io.labbench.sessions.testing;

/** What a stubbed exec command prints and how it exits. */
public record CommandReply(String stdout, String stderr, int exitCode) {

    public static CommandReply of(String stdout) {
        return new CommandReply(stdout, "", 0);
    }
}
