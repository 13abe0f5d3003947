package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.util.TermSize;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.local.LocalPtyConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real JediTermFX widget on a real pty: a shell that shows nothing gets the hint, one that prints
 * does not (and a hint already shown goes away with the first output).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class QuietShellWatchTest {

    private static final Duration PATIENCE = Duration.ofMillis(700);

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<String> hints = new CopyOnWriteArrayList<>();
    private LocalPtyConnector shell;
    private LabTerminalWidget widget;
    private QuietShellWatch watch;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        watch.close();
        shell.close();
        FxToolkit.setupFixture(() -> widget.close());
        clock.shutdownNow();
    }

    private void open(String script) throws Exception {
        shell = LocalPtyConnector.start(new LocalShellEndpoint("worker1", List.of("sh", "-c", script), Map.of(),
                Optional.empty()), new TermSize(80, 24));
        FxToolkit.setupFixture(() -> {
            widget = new LabTerminalWidget(80, 24, new TerminalSettings(13, false));
            widget.setTtyConnector(shell);
            widget.start();
            watch = QuietShellWatch.start(widget.getTerminalTextBuffer(), "worker1", PATIENCE, hints::add,
                    Runnable::run, clock);
        });
    }

    @Test
    void aShellThatShowsNothingGetsAHintNamingThePaneAndWhatToTry() throws Exception {
        open("sleep 30");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !hints.isEmpty());
        assertThat(hints).hasSize(1);
        assertThat(hints.get(0)).startsWith("worker1 has shown nothing in the 1 s since it connected")
                .contains("Press Enter").contains("~/.profile");
    }

    @Test
    void thePromptArrivingLateTakesTheHintAway() throws Exception {
        open("sleep 2; printf 'ubuntu@worker1:~$ '; sleep 30");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> hints.size() == 2);
        assertThat(hints.get(0)).contains("has shown nothing");
        assertThat(hints.get(1)).isEmpty();
    }

    @Test
    void aShellThatPromptsAtOnceNeverGetsTheHint() throws Exception {
        open("printf 'ubuntu@worker1:~$ '; sleep 30");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> TerminalText.text(widget.getTerminalTextBuffer()).contains("ubuntu@worker1"));
        Thread.sleep(PATIENCE.toMillis() * 3);
        assertThat(hints).isEmpty();
    }

    @Test
    void aPaneLaidOutOnScreenWithASilentShellStillGetsTheHint() throws Exception {
        open("sleep 30");
        // Laying the widget out resizes its buffer, which the buffer reports as a change.
        FxToolkit.setupFixture(() -> {
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(new javafx.scene.Scene(widget.getPane(), 700, 400));
            stage.show();
        });

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !hints.isEmpty());
        assertThat(hints.get(0)).contains("has shown nothing");
        FxToolkit.setupFixture(() -> widget.getPane().getScene().getWindow().hide());
    }
}
