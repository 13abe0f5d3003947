package io.labbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code labbench lab validate}. */
@Command(name = "validate", description = "Check lab files against the lab format; exit 1 on any error.")
public final class LabValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("labbench lab validate: not built yet");
        return 2;
    }
}
