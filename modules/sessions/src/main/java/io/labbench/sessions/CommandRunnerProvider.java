package io.labbench.sessions;

import java.util.Optional;

/** Finds the command runner of a named endpoint ({@code worker1}, {@code kops-ec2}, …). */
public interface CommandRunnerProvider {
    Optional<CommandRunner> runner(String endpointName);
}
