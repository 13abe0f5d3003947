package io.labbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code labbench lab down}. */
@Command(name = "down", description = "Remove everything the local lab created.")
public final class LabDownCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("labbench lab down: not built yet");
        return 2;
    }
}
