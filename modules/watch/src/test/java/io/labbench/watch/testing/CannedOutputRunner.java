package io.labbench.watch.testing;

import io.labbench.sessions.CommandResult;
import io.labbench.sessions.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node that answers every command with one captured output (a test resource under {@code captured/}),
 * and remembers the commands it was sent: real output without a real node.
 */
public final class CannedOutputRunner implements CommandRunner {

    private final String name;
    private final String output;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    public CannedOutputRunner(String name, String resource) {
        this.name = name;
        try (InputStream in = CannedOutputRunner.class.getResourceAsStream("/captured/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource captured/" + resource);
            }
            this.output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String endpointName() {
        return name;
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        commands.add(command);
        return new CommandResult(0, output, "", Duration.ofMillis(3));
    }
}
