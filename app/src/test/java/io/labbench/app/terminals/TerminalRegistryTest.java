package io.labbench.app.terminals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.sessions.ConnectionState;
import io.labbench.sessions.Endpoint;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.SessionHub;
import io.labbench.cluster.Backend;
import io.labbench.sessions.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on real local shells (a pty each, through the sessions module), without a screen: it
 * opens sessions by name, types into them, gives their last lines and ends them. A reader thread
 * stands in for the terminal widget that would drain each session's output.
 */
class TerminalRegistryTest {

    @TempDir
    Path home;

    private SessionHub hub;
    private TerminalRegistry registry;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-test");
        t.setDaemon(true);
        return t;
    });
    private final List<String> shown = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void shells() {
        List<Endpoint> nodes = List.of("worker1", "worker2").stream()
                .<Endpoint>map(node -> new LocalShellEndpoint(node, List.of("bash", "--norc", "--noprofile"),
                        Map.of("HOME", home.toString(), "PS1", "$ "), Optional.empty()))
                .toList();
        hub = SessionHub.builder(new Workspace("lbt-registry", Backend.LOCAL, nodes, Map.of()))
                .transcripts(home.resolve("transcripts")).build();
        registry = new TerminalRegistry(new SessionTerminalLinks(hub), background);
        registry.onShow(shown::add);
    }

    @AfterEach
    void close() {
        registry.closeAll();
        hub.close();
        background.shutdownNow();
    }

    @Test
    void opensQueuedNamesOnceConnectingStartsThenTypesAndReadsTheLastLines() throws Exception {
        List<ConnectionState> states = Collections.synchronizedList(new ArrayList<>());
        var link = registry.open("worker1", (state, message) -> states.add(state));
        assertThat(registry.names()).containsExactly("worker1");
        Thread.sleep(200);
        assertThat(link).as("nothing connects before the window's first frame").isNotDone();
        assertThat(states).isEmpty();

        registry.startConnecting();
        drain(link.get(30, TimeUnit.SECONDS));
        assertThat(registry.open("worker1", (s, m) -> { })).as("opening an open name gives its session").isSameAs(link);

        registry.type("worker1", "echo typed-$((6*7))", true);
        waitUntil("worker1 shows the command's output",
                () -> registry.recentLines("worker1", 20).stream().anyMatch(l -> l.strip().equals("typed-42")));
        assertThat(shown).as("the wizard's terminal is brought forward").contains("worker1");
        assertThat(states).contains(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
    }

    @Test
    void typingIntoAKnownNameThatIsNotOpenOpensItAndAnUnknownNameSaysWhatIsKnown() throws Exception {
        registry.startConnecting();
        registry.type("worker2", "echo opened-on-demand", true);
        assertThat(registry.names()).containsExactly("worker2");
        assertThat(shown).containsExactly("worker2", "worker2");
        drain(registry.whenConnected("worker2").orElseThrow().get(30, TimeUnit.SECONDS));
        waitUntil("the text typed before the shell connected arrives",
                () -> registry.recentLines("worker2", 20).stream().anyMatch(l -> l.strip().equals("opened-on-demand")));
        // held until the shell's prompt (TerminalSession): shown once, after the prompt, not echoed before it too
        assertThat(registry.recentLines("worker2", 20)).as("the typed line, as the pane shows it")
                .contains("$ echo opened-on-demand").doesNotContain("echo opened-on-demand");

        assertThatThrownBy(() -> registry.type("master", "hostname", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No terminal named master").hasMessageContaining("[worker1, worker2]");
        assertThat(registry.names()).containsExactly("worker2");
    }

    @Test
    void reopenStartsAFreshSessionAndCloseEndsIt() throws Exception {
        registry.startConnecting();
        TerminalLink first = registry.open("worker1", (s, m) -> { }).get(30, TimeUnit.SECONDS);
        drain(first);
        registry.type("worker1", "exit", true);
        waitUntil("the shell ended", first::ended);
        assertThat(registry.reconnect("worker1")).as("an ended shell cannot reconnect in place").isFalse();

        TerminalLink second = registry.reopen("worker1").get(30, TimeUnit.SECONDS);
        assertThat(second).isNotSameAs(first);
        assertThat(second.ended()).isFalse();
        assertThat(registry.link("worker1")).contains(second);

        registry.close("worker1");
        assertThat(registry.names()).isEmpty();
        assertThat(registry.link("worker1")).isEmpty();
        waitUntil("the closed session ended", second::ended);
        assertThat(registry.recentLines("worker1", 5)).as("a closed terminal has no lines to give").isEmpty();
    }

    /** Reads the session's output as the widget would, so the transcript records it. */
    private void drain(TerminalLink link) {
        background.execute(() -> {
            char[] buffer = new char[4096];
            try {
                while (link.connector().read(buffer, 0, buffer.length) >= 0) {
                    // the transcript keeps what matters
                }
            } catch (Exception e) {
                // the session ended
            }
        });
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
