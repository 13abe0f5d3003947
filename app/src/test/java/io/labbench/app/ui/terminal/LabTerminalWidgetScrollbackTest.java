package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.core.util.TermSize;
import com.techsenger.jeditermfx.ui.SubstringFinder;
import io.labbench.sessions.LocalShellEndpoint;
import io.labbench.sessions.local.LocalPtyConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A terminal pane's widget on a real bash (pty4j), headless (Monocle): after a long {@code seq}, what the
 * scrollback holds, and that find, copy and a resize still work on it. One shell for the tests, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LabTerminalWidgetScrollbackTest extends FxRobot {

    private static final int LAST = 30_000;
    private static final int LIMIT = TerminalSettings.SCROLLBACK_LINES;

    private static Stage stage;
    private static LabTerminalWidget widget;
    private static LocalPtyConnector shell;

    @BeforeAll
    static void openTerminalOnBash() throws Exception {
        FxToolkit.registerPrimaryStage();
        shell = LocalPtyConnector.start(new LocalShellEndpoint("local", List.of("bash", "--norc", "--noprofile"),
                Map.of("PS1", "$ "), Optional.empty()), new TermSize(80, 24));
        FxToolkit.setupFixture(() -> {
            // A stage of its own: the primary stage is shared with the test classes that run after this one,
            // and this test narrows its window.
            stage = new Stage();
            widget = new LabTerminalWidget(80, 24, new TerminalSettings(13, false));
            stage.setScene(new Scene(widget.getPane(), 900, 600));
            stage.show();
            widget.setTtyConnector(shell);
            widget.start();
        });
        // Rows named so that no row's text can be found across the end of another.
        shell.write("seq -f row-%g 1 " + LAST + "; echo seq-$((6*7))-done\r");
        waitUntil("seq to finish", () -> TerminalText.text(buffer()).contains("seq-42-done"));
    }

    @AfterAll
    static void closeTerminal() throws Exception {
        if (shell != null) {
            shell.close();
        }
        if (stage != null) {
            FxToolkit.setupFixture(() -> stage.close());
        }
    }

    private static TerminalTextBuffer buffer() {
        return widget.getTerminalTextBuffer();
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            List<String> lines = TerminalText.lines(buffer());
            throw new AssertionError("Timed out waiting for " + what + "; the terminal ends with\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())), e);
        }
    }

    /** The numbers of the rows seq printed that the terminal still shows, scrollback first. */
    private static List<Integer> seqNumbers() {
        return numbersOf(TerminalText.lines(buffer()));
    }

    private static List<Integer> numbersOf(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> l.matches("row-\\d+"))
                .map(l -> Integer.valueOf(l.substring(4))).toList();
    }

    @Test
    @Order(1)
    void thePanesOutputGoesThroughItsOwnEmulator() {
        assertThat(widget.emulator()).containsInstanceOf(FastPathEmulator.class);
    }

    @Test
    @Order(1)
    void scrollbackHoldsTheNewestTenThousandLinesInOrderAndTheOldestAreGone() {
        List<Integer> kept = seqNumbers();
        int first = kept.get(0);
        assertThat(kept).containsExactlyElementsOf(IntStream.rangeClosed(first, LAST).boxed().toList());
        assertThat(kept.size()).isGreaterThanOrEqualTo(LIMIT);
        assertThat(first).isGreaterThan(1);
        assertThat(buffer().getHistoryLinesCount()).isBetween(LIMIT, LIMIT + ScrollbackTrimmer.SLACK);
    }

    @Test
    @Order(2)
    void findReachesALineNearTheTopOfTheScrollbackAndScrollsToIt() throws Exception {
        String target = "row-" + seqNumbers().get(3);
        interact(() -> assertThat(widget.runAction("Find")).isTrue());
        TextField field = lookup(".text-field").queryAs(TextField.class);
        interact(() -> field.setText(target));
        waitUntil("the find result", () -> widget.getTerminalPanel().getFindResult() != null
                && !widget.getTerminalPanel().getFindResult().getItems().isEmpty());

        List<SubstringFinder.FindResult.FindItem> items = widget.getTerminalPanel().getFindResult().getItems();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getText()).isEqualTo(target);
        // Enter goes to the match: the view scrolls up thousands of lines to show it.
        clickOn(field).type(javafx.scene.input.KeyCode.ENTER);
        ScrollBar scrollBar = lookup(".scroll-bar").queryAs(ScrollBar.class);
        waitUntil("the view to scroll to the match", () -> scrollBar.getValue() < -LIMIT + 100);
    }

    @Test
    @Order(3)
    void selectingAllOffersTheWholeScrollbackToCopy() throws Exception {
        // Copy hands this text to AWT's clipboard, which a headless test cannot reach; the text is what matters.
        String selected = WaitForAsyncUtils.asyncFx(() -> {
            widget.getTerminalPanel().selectAll();
            return widget.getTerminalPanel().selectedTextProperty().get();
        }).get(10, TimeUnit.SECONDS);
        List<Integer> copied = numbersOf(selected.lines().toList());
        assertThat(copied).containsExactlyElementsOf(seqNumbers());
        assertThat(copied.size()).isGreaterThanOrEqualTo(LIMIT);
    }

    @Test
    @Order(4)
    void narrowingTheWindowKeepsTheScrollbackInOrderAndAtItsSize() throws Exception {
        int columnsBefore = buffer().getWidth();
        interact(() -> stage.setWidth(400));
        waitUntil("the terminal to get narrower", () -> buffer().getWidth() < columnsBefore);
        shell.write("echo after-$((2+2))\r");
        waitUntil("the shell to answer at the new size", () -> TerminalText.text(buffer()).contains("after-4"));

        List<Integer> kept = seqNumbers();
        assertThat(kept).containsExactlyElementsOf(IntStream.rangeClosed(kept.get(0), LAST).boxed().toList());
        assertThat(buffer().getHistoryLinesCount()).isBetween(LIMIT, LIMIT + ScrollbackTrimmer.SLACK);
        assertThat(kept.size()).isGreaterThan(LIMIT - 10);
    }
}
