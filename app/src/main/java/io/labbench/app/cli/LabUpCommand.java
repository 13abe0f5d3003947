package io.labbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code labbench lab up}. */
@Command(name = "up", description = "Build the local lab (namespaces, nodes, SSH, Kubernetes API).")
public final class LabUpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("labbench lab up: not built yet");
        return 2;
    }
}
