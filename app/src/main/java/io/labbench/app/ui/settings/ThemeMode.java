package io.labbench.app.ui.settings;

/** The two looks the window offers; the choice is remembered in the settings file. */
public enum ThemeMode {
    LIGHT, DARK;

    public ThemeMode toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
