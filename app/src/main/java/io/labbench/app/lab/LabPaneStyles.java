package io.labbench.app.lab;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The pane's stylesheet, as a data URL so the package carries it without a resource file. Colours are
 * looked up from the theme where AtlantaFX defines them, with fallbacks for the plain Modena theme.
 */
final class LabPaneStyles {
    private static final String CSS = """
            .lab-pane { -fx-font-size: 13px; }
            .lab-pane .lab-toolbar { -fx-padding: 6 10 6 10; -fx-spacing: 8; -fx-alignment: center-left; }
            .lab-pane .lab-title { -fx-font-size: 15px; -fx-font-weight: bold; }
            .lab-pane .step-content { -fx-padding: 14 18 18 18; -fx-spacing: 10; }
            .lab-pane .step-title { -fx-font-size: 20px; -fx-font-weight: bold; }
            .lab-pane .step-section { -fx-opacity: 0.7; }
            .lab-pane .md-h1 { -fx-font-size: 17px; -fx-font-weight: bold; }
            .lab-pane .md-h2 { -fx-font-size: 15px; -fx-font-weight: bold; }
            .lab-pane .md-h3 { -fx-font-size: 14px; -fx-font-weight: bold; }
            .lab-pane .md-code-inline { -fx-font-family: monospace; -fx-background-color: rgba(127,127,127,0.18);
                -fx-background-radius: 3; -fx-padding: 0 3 0 3; }
            .lab-pane .md-quote { -fx-border-color: transparent transparent transparent #8a8a8a; -fx-border-width: 0 0 0 3;
                -fx-padding: 2 0 2 10; -fx-opacity: 0.85; }
            .lab-pane .md-table-scroll, .lab-pane .md-table-scroll > .viewport { -fx-background-color: transparent;
                -fx-background-insets: 0; -fx-padding: 0; }
            .lab-pane .md-table { -fx-border-color: rgba(127,127,127,0.45); -fx-border-width: 1 0 0 1; }
            .lab-pane .md-table-head, .lab-pane .md-table-cell { -fx-padding: 3 8 3 8;
                -fx-border-color: rgba(127,127,127,0.45); -fx-border-width: 0 1 1 0; }
            .lab-pane .md-table-head { -fx-background-color: rgba(127,127,127,0.14); }
            .lab-pane .part-heading { -fx-font-size: 13px; -fx-font-weight: bold; -fx-padding: 8 0 0 0; }
            .lab-pane .action-row { -fx-spacing: 8; -fx-alignment: center-left; }
            .lab-pane .target-chip { -fx-background-color: #2f6fb3; -fx-text-fill: white; -fx-background-radius: 9;
                -fx-padding: 1 8 1 8; -fx-font-size: 11px; -fx-font-weight: bold; }
            .lab-pane .why { -fx-opacity: 0.75; -fx-font-style: italic; }
            .lab-pane .command-area { -fx-font-family: monospace; -fx-font-size: 13px; -fx-background-color: #1e2127;
                -fx-background-radius: 4; -fx-border-radius: 4; }
            .lab-pane .command-area .text { -fx-fill: #d7dae0; }
            .lab-pane .command-area .sh-command { -fx-fill: #61afef; -fx-font-weight: bold; }
            .lab-pane .command-area .sh-flag { -fx-fill: #d19a66; }
            .lab-pane .command-area .sh-variable { -fx-fill: #e5c07b; }
            .lab-pane .command-area .sh-string { -fx-fill: #98c379; }
            .lab-pane .command-area .sh-operator { -fx-fill: #c678dd; }
            .lab-pane .command-area .sh-comment { -fx-fill: #7f848e; -fx-font-style: italic; }
            .lab-pane .md-text { -fx-fill: -color-fg-default; }
            .lab-pane .missing-vars { -fx-text-fill: #c0392b; }
            .lab-pane .check-why-passed { -fx-text-fill: #1e8a3e; }
            .lab-pane .check-why-failed { -fx-text-fill: #c0392b; }
            .lab-pane .aws-only { -fx-background-color: rgba(255,170,0,0.16); -fx-padding: 8; -fx-background-radius: 4; }
            .lab-pane .hint { -fx-background-color: rgba(90,140,255,0.12); -fx-padding: 6 8 6 8; -fx-background-radius: 4; }
            .lab-pane .lab-footer { -fx-border-color: rgba(127,127,127,0.3) transparent transparent transparent; }
            .lab-pane .lab-toolbar { -fx-border-color: transparent transparent rgba(127,127,127,0.3) transparent; }
            .lab-pane .status-passed { -fx-icon-color: #1e8a3e; }
            .lab-pane .status-failed { -fx-icon-color: #c0392b; }
            .lab-pane .status-done { -fx-icon-color: #2f6fb3; }
            .lab-pane .status-started { -fx-icon-color: #d4a017; }
            .lab-pane .status-skipped { -fx-icon-color: #8a8a8a; }
            .lab-pane .status-not-started { -fx-icon-color: #9a9a9a; }
            """;

    static final String URL = "data:text/css;base64," + Base64.getEncoder().encodeToString(CSS.getBytes(StandardCharsets.UTF_8));

    private LabPaneStyles() {
    }
}
