package io.labbench.app.ui.settings;

/** Where the main window was and how big, so the next launch opens it the same way. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    public static final WindowGeometry DEFAULT = new WindowGeometry(Double.NaN, Double.NaN, 1440, 900, false);

    /** Keeps a window usable even when the file was edited by hand or came from a bigger screen. */
    public WindowGeometry sane() {
        double w = Double.isFinite(width) && width >= 640 ? width : DEFAULT.width;
        double h = Double.isFinite(height) && height >= 400 ? height : DEFAULT.height;
        return new WindowGeometry(x, y, w, h, maximized);
    }

    public boolean hasPosition() {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}
