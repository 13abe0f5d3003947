package io.labbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code labbench lab status}. */
@Command(name = "status", description = "Show the local lab's nodes, addresses, SSH ports and kubeconfig.")
public final class LabStatusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("labbench lab status: not built yet");
        return 2;
    }
}
