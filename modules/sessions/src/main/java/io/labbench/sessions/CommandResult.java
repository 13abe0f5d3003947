package io.labbench.sessions;

import java.time.Duration;

/** What a command printed and how it ended. */
public record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
