package io.labbench.sessions;

import java.time.Duration;

/**
 * Runs one non-interactive command on one endpoint. For SSH endpoints this opens an exec channel on
 * the endpoint's shared, already authenticated connection: no new handshake per call, which is what
 * lets watch panels refresh every second.
 */
public interface CommandRunner {

    /** The endpoint this runner talks to, e.g. {@code worker1}. */
    String endpointName();

    /**
     * Runs {@code command} through the endpoint's shell and waits for it to end.
     *
     * @throws CommandException when the command could not be run at all (connection down, timeout);
     *         a command that ran and failed is a normal {@link CommandResult} with its exit code
     */
    CommandResult run(String command, Duration timeout) throws CommandException;
}
