package io.labbench.app.ui.settings;

import java.util.List;

/**
 * What the window remembers between launches: theme, geometry, the split positions of the main
 * layout, which terminals were open (grid first, then tabs), and the terminal font size.
 */
public record UiSettings(
        ThemeMode theme,
        WindowGeometry window,
        List<Double> mainDividers,
        List<String> openTerminals,
        double terminalFontSize) {

    public static final double DEFAULT_FONT_SIZE = 14;
    public static final List<Double> DEFAULT_DIVIDERS = List.of(0.22, 0.74);

    public UiSettings {
        theme = theme == null ? ThemeMode.LIGHT : theme;
        window = window == null ? WindowGeometry.DEFAULT : window.sane();
        mainDividers = mainDividers == null || mainDividers.size() != DEFAULT_DIVIDERS.size()
                ? DEFAULT_DIVIDERS : List.copyOf(mainDividers);
        openTerminals = openTerminals == null ? List.of() : List.copyOf(openTerminals);
        terminalFontSize = terminalFontSize >= 6 && terminalFontSize <= 48 ? terminalFontSize : DEFAULT_FONT_SIZE;
    }

    public static UiSettings defaults() {
        return new UiSettings(ThemeMode.LIGHT, WindowGeometry.DEFAULT, DEFAULT_DIVIDERS, List.of(), DEFAULT_FONT_SIZE);
    }

    public UiSettings withTheme(ThemeMode value) {
        return new UiSettings(value, window, mainDividers, openTerminals, terminalFontSize);
    }

    public UiSettings withWindow(WindowGeometry value) {
        return new UiSettings(theme, value, mainDividers, openTerminals, terminalFontSize);
    }

    public UiSettings withMainDividers(List<Double> value) {
        return new UiSettings(theme, window, value, openTerminals, terminalFontSize);
    }

    public UiSettings withOpenTerminals(List<String> value) {
        return new UiSettings(theme, window, mainDividers, value, terminalFontSize);
    }

    public UiSettings withTerminalFontSize(double value) {
        return new UiSettings(theme, window, mainDividers, openTerminals, value);
    }
}
