package io.labbench.app.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The warm-up feeds the emulator what a lab terminal shows, and ends. */
class EmulatorWarmUpTest {

    @Test
    void itsOutputIsWholeLinesThatThePaneShowsAsAShellWouldHaveThem() {
        char[] output = EmulatorWarmUp.shellOutput(20_000);
        // Fed a megabyte at a time, a chunk must not end inside an escape sequence or a line.
        assertThat(new String(output)).endsWith("\r\n");

        List<String> lines = TerminalText.lines(HeadlessTerminal.likeAPane(120, 40, 300).feed(output).buffer());
        // The sequences were parsed (colour, reverse video, line erase), not printed as text.
        assertThat(lines).noneMatch(line -> line.contains("\u001b") || line.contains("[0m"));
        assertThat(lines).anyMatch(line -> line.startsWith("root@kops-ec2:~# iptables -t nat -L -n -v"));
        assertThat(lines).anyMatch(line -> line.contains("pod/netshoot-pod-7c9f") && line.contains("Running"));
        // "\e[5D\e[K" moved back five columns and erased from there: "rt=80" is gone.
        assertThat(lines).anyMatch(line -> line.endsWith("sport=51234 dpo"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void itSeesTheOptimisingCompilersThreads() {
        // The stop rule waits for the C2 threads to idle; under another name (a later JDK) they would always look idle.
        assertThat(OptimisingCompilerClock.threads()).isPositive();
        assertThat(OptimisingCompilerClock.ticks()).isNotNegative();
    }

    @Test
    void itStopsAtCompiledSpeedOrAtItsLimit() {
        EmulatorWarmUp.Result result = EmulatorWarmUp.run();

        assertThat(result.megabytes()).isBetween(3, EmulatorWarmUp.MAX_MEGABYTES);
        if (!result.reachedCompiledSpeed()) {
            assertThat(result.megabytes()).isEqualTo(EmulatorWarmUp.MAX_MEGABYTES);
        }
    }
}
