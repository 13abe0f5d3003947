package io.labbench.app.ui;

/** Starts the JavaFX application; filled by the foundation issue. */
public final class DesktopLauncher {

    public record Options(boolean startupProbe, String workspace, String backend) {
    }

    private DesktopLauncher() {
    }

    public static void launch(Options options) {
        System.err.println("LabBench window: not built yet");
    }
}
