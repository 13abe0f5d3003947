package io.labbench.app.lab;

import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.PortResult;
import io.labbench.labmodel.model.Target;
import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import io.labbench.sessions.CommandRunnerProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * The lab engine's command port over the sessions module: a check on {@code worker1} runs through the
 * worker1 endpoint's shared connection. {@code pod:NAME} targets run as {@code kubectl exec} on the
 * kubectl endpoint, since pods are reached through the API server.
 */
public final class CommandRunnerPort implements CommandPort {
    private final CommandRunnerProvider runners;

    public CommandRunnerPort(CommandRunnerProvider runners) {
        this.runners = runners;
    }

    @Override
    public PortResult run(Target target, String command, Duration timeout) {
        String endpoint = target.isPod() ? "kubectl" : target.name();
        String text = target.isPod()
                ? "kubectl exec " + target.name().substring("pod:".length()) + " -- sh -c " + shellQuote(command)
                : command;
        Optional<CommandRunner> runner = runners.runner(endpoint);
        if (runner.isEmpty() && "kubectl".equals(endpoint)) {
            // kubectl usually runs on kops-ec2 (AWS) or the local shell (local lab).
            runner = runners.runner("kops-ec2").or(() -> runners.runner("local"));
        }
        if (runner.isEmpty()) {
            return new PortResult.NotRun("no endpoint named " + endpoint + " in this workspace; add it in the endpoints settings");
        }
        try {
            CommandResult result = runner.get().run(text, timeout);
            return new PortResult.Ran(result.exitCode(), result.stdout(), result.stderr());
        } catch (CommandException e) {
            return new PortResult.NotRun(e.getMessage() + switch (e.reason()) {
                case NOT_CONNECTED -> " (connect " + endpoint + " and try again)";
                case TIMED_OUT -> " (the command took longer than " + timeout.toSeconds() + " s)";
                default -> "";
            });
        }
    }

    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }
}
