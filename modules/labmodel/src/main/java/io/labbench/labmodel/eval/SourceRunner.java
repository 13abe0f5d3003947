package io.labbench.labmodel.eval;

import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.PortResult;
import io.labbench.labmodel.model.CommandSource;
import java.time.Duration;
import java.util.Map;

/** Substitutes a source's command and runs it on its target. */
public final class SourceRunner {
    private final CommandPort port;
    private final VariableSubstituter substituter;
    private final Duration timeout;

    public SourceRunner(CommandPort port, VariableSubstituter substituter, Duration timeout) {
        this.port = port;
        this.substituter = substituter;
        this.timeout = timeout;
    }

    public SourceOutput run(CommandSource source, Map<String, String> values) {
        Substitution command = substituter.substitute(source.command(), values);
        if (command instanceof Substitution.Missing missing) {
            return new SourceOutput.Failed("cannot run the command yet: " + missing.message());
        }
        String text = ((Substitution.Done) command).text();
        PortResult result = port.run(source.on(), text, timeout);
        if (result instanceof PortResult.NotRun notRun) {
            return new SourceOutput.Failed("could not run on " + source.on() + ": " + notRun.why());
        }
        PortResult.Ran ran = (PortResult.Ran) result;
        return new SourceOutput.Printed(text, ran.exitCode(), ran.stdout(), ran.stderr());
    }

    public VariableSubstituter substituter() {
        return substituter;
    }
}
