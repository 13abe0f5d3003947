package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRecorderTest {

    /** A clock that reads the given instants in turn, then stays on the last. */
    private static final class SteppingClock extends Clock {
        private final Deque<Instant> instants;

        SteppingClock(Instant... instants) {
            this.instants = new ArrayDeque<>(List.of(instants));
        }

        @Override
        public Instant instant() {
            return instants.size() > 1 ? instants.removeFirst() : instants.getFirst();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void linesAreStampedToTheMillisecondInUtc(@TempDir Path dir) throws IOException {
        Instant first = Instant.parse("2026-11-26T11:16:44.123456Z");
        Clock clock = new SteppingClock(first, first.plusNanos(300_000), Instant.parse("2026-11-26T11:16:45Z"),
                Instant.parse("2026-11-26T11:16:45.000900Z"));
        Path file = dir.resolve("node.log");
        TranscriptRecorder recorder = new TranscriptRecorder(Optional.of(file), SecretMasker.standard(), clock, 100);

        recorder.output("one\r\ntwo\r\nthree\r\nfour\r\n");
        recorder.close();

        // Same millisecond, same stamp; a whole second has no fraction, as Instant prints it.
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "2026-11-26T11:16:44.123Z | one",
                "2026-11-26T11:16:44.123Z | two",
                "2026-11-26T11:16:45Z | three",
                "2026-11-26T11:16:45Z | four");
    }
}
