package io.labbench.app.ui.settings;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the window remembers between launches: theme, geometry, the split positions of the main
 * layout (the last used, and per workspace in {@code workspaceDividers}), which terminals were open
 * (grid first, then tabs), and the terminal font size.
 */
public record UiSettings(
        ThemeMode theme,
        WindowGeometry window,
        List<Double> mainDividers,
        List<String> openTerminals,
        double terminalFontSize,
        Map<String, List<Double>> workspaceDividers) {

    public static final double DEFAULT_FONT_SIZE = 14;
    public static final List<Double> DEFAULT_DIVIDERS = List.of(0.22, 0.74);

    public UiSettings {
        theme = theme == null ? ThemeMode.LIGHT : theme;
        window = window == null ? WindowGeometry.DEFAULT : window.sane();
        mainDividers = mainDividers == null || mainDividers.size() != DEFAULT_DIVIDERS.size()
                ? DEFAULT_DIVIDERS : List.copyOf(mainDividers);
        openTerminals = openTerminals == null ? List.of() : List.copyOf(openTerminals);
        terminalFontSize = terminalFontSize >= 6 && terminalFontSize <= 48 ? terminalFontSize : DEFAULT_FONT_SIZE;
        Map<String, List<Double>> kept = new TreeMap<>();
        if (workspaceDividers != null) {
            workspaceDividers.forEach((name, positions) -> {
                if (name != null && positions != null && positions.size() == DEFAULT_DIVIDERS.size()) {
                    kept.put(name, List.copyOf(positions));
                }
            });
        }
        workspaceDividers = Collections.unmodifiableMap(kept);
    }

    /** Settings as files written before splits were kept per workspace hold them. */
    public UiSettings(ThemeMode theme, WindowGeometry window, List<Double> mainDividers, List<String> openTerminals,
                      double terminalFontSize) {
        this(theme, window, mainDividers, openTerminals, terminalFontSize, Map.of());
    }

    /** The splits last used in {@code workspace}, if any were saved for it. */
    public Optional<List<Double>> dividersOf(String workspace) {
        return Optional.ofNullable(workspaceDividers.get(workspace));
    }

    /** Remembers {@code positions} for {@code workspace} (and as the last used). */
    public UiSettings withWorkspaceDividers(String workspace, List<Double> positions) {
        Map<String, List<Double>> next = new TreeMap<>(workspaceDividers);
        next.put(workspace, positions);
        return new UiSettings(theme, window, positions, openTerminals, terminalFontSize, next);
    }

    public static UiSettings defaults() {
        return new UiSettings(ThemeMode.LIGHT, WindowGeometry.DEFAULT, DEFAULT_DIVIDERS, List.of(), DEFAULT_FONT_SIZE, Map.of());
    }

    public UiSettings withTheme(ThemeMode value) {
        return new UiSettings(value, window, mainDividers, openTerminals, terminalFontSize, workspaceDividers);
    }

    public UiSettings withWindow(WindowGeometry value) {
        return new UiSettings(theme, value, mainDividers, openTerminals, terminalFontSize, workspaceDividers);
    }

    public UiSettings withMainDividers(List<Double> value) {
        return new UiSettings(theme, window, value, openTerminals, terminalFontSize, workspaceDividers);
    }

    public UiSettings withOpenTerminals(List<String> value) {
        return new UiSettings(theme, window, mainDividers, value, terminalFontSize, workspaceDividers);
    }

    public UiSettings withTerminalFontSize(double value) {
        return new UiSettings(theme, window, mainDividers, openTerminals, value, workspaceDividers);
    }
}
