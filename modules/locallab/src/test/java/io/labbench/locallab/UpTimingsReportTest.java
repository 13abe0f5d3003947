package io.labbench.locallab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.parts.UpTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpTimingsReportTest {

    @Test
    void eachPartWithItsOffsetsFromTheDaemonsStartAndItsDuration() {
        long origin = 1_700_000_000_000L;
        String text = UpTimingsReport.text(origin, List.of(
                new UpTimeline.Phase("network", origin + 300, origin + 700),
                new UpTimeline.Phase("machine check", origin + 120, origin + 160),
                new UpTimeline.Phase("kubernetes api", origin + 310, origin + 1450)));

        assertThat(text.lines().toList()).containsExactly(
                "part                start        end     took",
                "machine check     +120 ms    +160 ms    40 ms",
                "network           +300 ms    +700 ms   400 ms",
                "kubernetes api    +310 ms   +1450 ms  1140 ms",
                "Lab up 1450 ms after the daemon started (parts run side by side).");
    }

    @Test
    void aLabThatWasAlreadyUpHasNoTimingsAndSaysHowToGetThem() {
        assertThat(UpTimingsReport.text(0, List.of())).contains("already up").contains("labbench lab down");
    }
}
