package io.labbench.app.ui.shortcuts;

import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the main window, in one place so the key handling and the
 * Help &gt; Shortcuts dialog can never disagree. Ctrl+Shift combinations are used because the plain
 * Ctrl keys belong to the shells running in the terminals.
 */
public enum Shortcut {
    NEXT_TERMINAL("Ctrl+Page Down", "Next terminal", "Terminals"),
    PREVIOUS_TERMINAL("Ctrl+Page Up", "Previous terminal", "Terminals"),
    MAXIMIZE_TERMINAL("Ctrl+Shift+M", "Maximise or restore the focused terminal", "Terminals"),
    NEW_TERMINAL("Ctrl+Shift+T", "New local terminal in a tab", "Terminals"),
    FIND_IN_SCROLLBACK("Ctrl+Shift+F", "Find in the focused terminal's scrollback", "Terminals"),
    ZOOM_IN("Ctrl+Shift+Equals", "Larger terminal font", "Terminals"),
    ZOOM_OUT("Ctrl+Shift+Minus", "Smaller terminal font", "Terminals"),
    ZOOM_RESET("Ctrl+Shift+0", "Default terminal font size", "Terminals"),
    COPY("Ctrl+Shift+C", "Copy the selection", "Terminals"),
    PASTE("Ctrl+Shift+V", "Paste (into every broadcast member when broadcast is on)", "Terminals"),
    BROADCAST_TOGGLE_PANE("Ctrl+Shift+B", "Add or remove the focused terminal from the broadcast group", "Broadcast"),
    BROADCAST_ALL("Ctrl+Shift+A", "Broadcast to all four grid terminals", "Broadcast"),
    BROADCAST_END("Ctrl+Shift+X", "End broadcast", "Broadcast"),
    TOGGLE_THEME("Ctrl+Shift+L", "Switch light / dark theme", "Window"),
    EDIT_ENDPOINTS("Ctrl+Shift+E", "Edit endpoints", "Window"),
    SHOW_SHORTCUTS("F1", "Show this list", "Window");

    private final KeyCombination combination;
    private final String keys;
    private final String description;
    private final String group;

    Shortcut(String keys, String description, String group) {
        this.combination = KeyCombination.valueOf(keys);
        this.keys = keys.replace("Equals", "=").replace("Minus", "-");
        this.description = description;
        this.group = group;
    }

    public KeyCombination combination() {
        return combination;
    }

    /** The keys as a person reads them, e.g. {@code Ctrl+Shift+M}. */
    public String keys() {
        return keys;
    }

    public String description() {
        return description;
    }

    public String group() {
        return group;
    }
}
