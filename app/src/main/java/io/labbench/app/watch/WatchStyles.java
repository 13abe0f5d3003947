package io.labbench.app.watch;

import java.nio.charset.StandardCharsets;
import javafx.css.PseudoClass;
import java.util.Base64;

/**
 * The watch panels' stylesheet, kept beside the code that names its classes. Highlight colours fade
 * over {@code PanelStateBuilder.FADE_REFRESHES} refreshes: pseudo-class {@code :watch-changed-0} is the
 * refresh where the value changed, {@code -3} the faintest.
 */
final class WatchStyles {

    static final String CHANGED_PREFIX = "watch-changed-";
    static final String RAW_CHANGED = "watch-raw-changed";

    /*
     * Highlights are pseudo-classes, not style classes: switching a pseudo-class only re-applies the
     * matching rules, while changing a style class makes JavaFX re-resolve every selector for the cell
     * and its children, which dominated the UI time of busy tables.
     */
    static final PseudoClass NEW_ROW = PseudoClass.getPseudoClass("watch-new");
    static final PseudoClass REMOVED_ROW = PseudoClass.getPseudoClass("watch-removed");
    static final PseudoClass DELTA_RESET = PseudoClass.getPseudoClass("watch-reset");
    private static final PseudoClass[] CHANGED = {
        PseudoClass.getPseudoClass(CHANGED_PREFIX + 0), PseudoClass.getPseudoClass(CHANGED_PREFIX + 1),
        PseudoClass.getPseudoClass(CHANGED_PREFIX + 2), PseudoClass.getPseudoClass(CHANGED_PREFIX + 3)};

    /** The highlight of a value that changed {@code age} refreshes ago (ages past the last one share it). */
    static PseudoClass changed(int age) {
        return CHANGED[Math.min(Math.max(age, 0), CHANGED.length - 1)];
    }

    static boolean isChanged(PseudoClass pseudoClass) {
        return pseudoClass.getPseudoClassName().startsWith(CHANGED_PREFIX);
    }

    private static final String CSS = """
            .watch-panel .table-row-cell:watch-new { -fx-background-color: rgba(46,160,67,0.22); }
            .watch-panel .table-row-cell:watch-new:selected { -fx-background-color: -fx-selection-bar; }
            .watch-panel .table-row-cell:watch-removed .text { -fx-strikethrough: true; }
            .watch-panel .table-row-cell:watch-removed { -fx-background-color: rgba(200,40,40,0.14); }
            .watch-panel .table-row-cell:watch-removed .label { -fx-opacity: 0.6; }
            .watch-panel .table-cell:watch-changed-0 { -fx-background-color: rgba(255,196,0,0.95); -fx-text-fill: black; }
            .watch-panel .table-cell:watch-changed-1 { -fx-background-color: rgba(255,196,0,0.60); }
            .watch-panel .table-cell:watch-changed-2 { -fx-background-color: rgba(255,196,0,0.35); }
            .watch-panel .table-cell:watch-changed-3 { -fx-background-color: rgba(255,196,0,0.16); }
            .watch-panel .watch-mark-cell { -fx-alignment: center; -fx-font-weight: bold; }
            .watch-panel .watch-delta { -fx-text-fill: #1a7f37; -fx-font-size: 0.85em; }
            .watch-panel .watch-delta:watch-reset { -fx-text-fill: #9a6700; -fx-font-size: 0.85em; }
            .watch-panel .watch-rate { -fx-text-fill: #57606a; -fx-font-size: 0.85em; }
            .watch-panel .watch-sparkline { -fx-stroke: #0969da; -fx-stroke-width: 1.2; }
            .watch-panel .watch-badge { -fx-padding: 1 6 1 6; -fx-background-radius: 8; -fx-font-size: 0.9em; }
            .watch-panel .watch-badge-LIVE { -fx-background-color: #dafbe1; -fx-text-fill: #116329; }
            .watch-panel .watch-badge-WAITING { -fx-background-color: #ddf4ff; -fx-text-fill: #0550ae; }
            .watch-panel .watch-badge-PAUSED { -fx-background-color: #eaeef2; -fx-text-fill: #424a53; }
            .watch-panel .watch-badge-FAILING { -fx-background-color: #ffebe9; -fx-text-fill: #a40e26; }
            .watch-panel .watch-badge-STALE { -fx-background-color: #fff8c5; -fx-text-fill: #7d4e00; }
            .watch-panel .watch-problem { -fx-text-fill: #a40e26; -fx-wrap-text: true; }
            .watch-panel .watch-filter-bad { -fx-border-color: #cf222e; -fx-border-width: 1; }
            .watch-panel .watch-raw { -fx-font-family: monospace; }
            .watch-panel .watch-raw-changed { -fx-background-color: #ffc400; -fx-text-fill: black; -fx-font-family: monospace; }
            .watch-panel .watch-raw-plain { -fx-font-family: monospace; }
            .watch-panel .watch-mark { -fx-text-fill: #8250df; }
            .watch-side .table-cell.watch-differs { -fx-background-color: rgba(255,196,0,0.6); }
            .watch-side .table-cell.watch-missing { -fx-background-color: rgba(200,40,40,0.14); }
            """;

    private WatchStyles() {
    }

    /** A data URL JavaFX can load as a stylesheet without a resource file. */
    static String stylesheet() {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(CSS.getBytes(StandardCharsets.UTF_8));
    }
}
