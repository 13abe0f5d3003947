package io.labbench.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The default widths of guide | terminals | dock on the screens the issue was tried on, and a small one. */
class PaneWidthsTest {

    @Test
    void onA1920ScreenTheGuideAndTheDockGetRoomForProseAndIptablesColumns() {
        PaneWidths widths = PaneWidths.forWindow(1920);
        assertThat(widths.lab()).as("the guide was 310 px: prose broke mid-sentence").isGreaterThanOrEqualTo(520);
        assertThat(widths.dock()).as("the dock was 370 px: iptables lost its columns").isGreaterThanOrEqualTo(560);
        assertThat(widths.terminals()).as("two terminal columns stay usable").isGreaterThanOrEqualTo(700);
        assertThat(widths.lab() + widths.terminals() + widths.dock()).isCloseTo(1920, within(0.01));
    }

    @Test
    void onA1440ScreenEveryAreaKeepsAUsableWidth() {
        PaneWidths widths = PaneWidths.forWindow(1440);
        assertThat(widths.lab()).isGreaterThanOrEqualTo(400);
        assertThat(widths.dock()).isGreaterThanOrEqualTo(440);
        assertThat(widths.terminals()).isGreaterThanOrEqualTo(440);
        assertThat(widths.dividers()).hasSize(2).isSorted();
        assertThat(widths.dividers().get(0) * 1440).isCloseTo(widths.lab(), within(0.01));
    }

    @Test
    void aSmallWindowShrinksTheSideColumnsButNotBelowReadable() {
        PaneWidths widths = PaneWidths.forWindow(1024);
        assertThat(widths.lab()).isGreaterThanOrEqualTo(300);
        assertThat(widths.dock()).isGreaterThanOrEqualTo(300);
        assertThat(widths.terminals()).isGreaterThan(0);
    }
}
