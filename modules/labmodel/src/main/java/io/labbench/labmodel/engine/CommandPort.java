package io.labbench.labmodel.engine;

import io.labbench.labmodel.model.Target;
import java.time.Duration;

/**
 * Runs one non-interactive command on a lab target and returns what it printed. The application
 * adapts its sessions to this; tests use a local shell. Implementations never throw: a command that
 * could not run at all is {@link PortResult.NotRun} with the reason.
 */
@FunctionalInterface
public interface CommandPort {
    PortResult run(Target target, String command, Duration timeout);
}
