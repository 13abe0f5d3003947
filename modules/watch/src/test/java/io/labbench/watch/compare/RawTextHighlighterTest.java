package io.labbench.watch.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawTextHighlighterTest {

    @Test
    void marksTheCharactersThatDifferAtTheSamePositionLikeWatchDashD() {
        List<HighlightedLine> lines = RawTextHighlighter.highlight(
                "    5   420 RETURN\n    7   588 SNAT\n",
                "   15  1260 RETURN\n    7   588 SNAT\nnew line\n");
        assertThat(lines).extracting(HighlightedLine::text)
                .containsExactly("   15  1260 RETURN", "    7   588 SNAT", "new line");
        assertThat(lines.get(0).changed()).containsExactly(new TextSpan(3, 4), new TextSpan(7, 10));
        assertThat(lines.get(1).hasChanges()).isFalse();
        assertThat(lines.get(2).changed()).containsExactly(new TextSpan(0, 8));
    }
}
