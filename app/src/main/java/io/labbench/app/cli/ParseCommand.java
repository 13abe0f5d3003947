package io.labbench.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code labbench parse KIND FILE [--json]}: filled by the parsers issue. */
@Command(name = "parse", description = "Parse saved command output (ip, route, iptables, conntrack, kubectl).")
public final class ParseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("labbench parse: not built yet");
        return 2;
    }
}
