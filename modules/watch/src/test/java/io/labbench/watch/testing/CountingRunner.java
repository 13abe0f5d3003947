package io.labbench.watch.testing;

import io.labbench.sessions.CommandException;
import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real command runner and counts its runs and the most that were ever in flight at once. */
public final class CountingRunner implements CommandRunner {

    private final CommandRunner real;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public CountingRunner(CommandRunner real) {
        this.real = real;
    }

    @Override
    public String endpointName() {
        return real.endpointName();
    }

    public int runs() {
        return runs.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws CommandException {
        runs.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return real.run(command, timeout);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
