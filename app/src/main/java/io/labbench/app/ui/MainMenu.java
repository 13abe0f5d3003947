package io.labbench.app.ui;

import io.labbench.app.ui.shortcuts.Shortcut;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyEvent;
import javafx.scene.Scene;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The menu bar and the window-wide key handling, both built from one map of {@link Shortcut} to
 * action. Keys are caught in a scene filter before the focused terminal sees them: the terminal would
 * otherwise swallow them and send them to the shell.
 */
public final class MainMenu {

    private final Map<Shortcut, Runnable> actions;

    public MainMenu(Map<Shortcut, Runnable> actions) {
        this.actions = Map.copyOf(actions);
    }

    public MenuBar build(Runnable quit, Runnable about) {
        Menu file = new Menu("_File", null,
                item(Shortcut.NEW_TERMINAL, Feather.PLUS_SQUARE),
                item(Shortcut.EDIT_ENDPOINTS, Feather.SERVER),
                new SeparatorMenuItem(),
                plain("Quit", Feather.LOG_OUT, quit));
        Menu view = new Menu("_View", null,
                item(Shortcut.TOGGLE_THEME, Feather.MOON),
                new SeparatorMenuItem(),
                item(Shortcut.ZOOM_IN, Feather.ZOOM_IN),
                item(Shortcut.ZOOM_OUT, Feather.ZOOM_OUT),
                item(Shortcut.ZOOM_RESET, null));
        Menu terminal = new Menu("_Terminal", null,
                item(Shortcut.NEXT_TERMINAL, Feather.CHEVRON_RIGHT),
                item(Shortcut.PREVIOUS_TERMINAL, Feather.CHEVRON_LEFT),
                item(Shortcut.MAXIMIZE_TERMINAL, Feather.MAXIMIZE_2),
                new SeparatorMenuItem(),
                item(Shortcut.FIND_IN_SCROLLBACK, Feather.SEARCH),
                item(Shortcut.COPY, Feather.COPY),
                item(Shortcut.PASTE, Feather.CLIPBOARD),
                new SeparatorMenuItem(),
                item(Shortcut.BROADCAST_TOGGLE_PANE, Feather.RADIO),
                item(Shortcut.BROADCAST_ALL, Feather.CAST),
                item(Shortcut.BROADCAST_END, Feather.X_CIRCLE));
        Menu help = new Menu("_Help", null,
                item(Shortcut.SHOW_SHORTCUTS, Feather.HELP_CIRCLE),
                plain("About LabBench", Feather.INFO, about));
        MenuBar bar = new MenuBar(file, view, terminal, help);
        bar.setId("main-menu");
        return bar;
    }

    private MenuItem item(Shortcut shortcut, Feather icon) {
        MenuItem item = new MenuItem(shortcut.description(), icon == null ? null : new FontIcon(icon));
        if (handledByTerminal(shortcut)) {
            // The terminal widget acts on these keys itself; an accelerator too would paste twice.
            item.setText(shortcut.description() + "   (" + shortcut.keys() + ")");
        } else {
            item.setAccelerator(shortcut.combination());
        }
        Runnable action = actions.getOrDefault(shortcut, () -> { });
        item.setOnAction(e -> action.run());
        return item;
    }

    private static MenuItem plain(String text, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static boolean handledByTerminal(Shortcut shortcut) {
        return shortcut == Shortcut.COPY || shortcut == Shortcut.PASTE || shortcut == Shortcut.FIND_IN_SCROLLBACK;
    }

    /**
     * Catches the window's shortcuts before the terminal does. Copy, paste and find are left to the
     * terminal widget, which knows its selection.
     */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            for (Map.Entry<Shortcut, Runnable> entry : actions.entrySet()) {
                Shortcut shortcut = entry.getKey();
                if (handledByTerminal(shortcut)) {
                    continue;
                }
                if (shortcut.combination().match(event)) {
                    event.consume();
                    entry.getValue().run();
                    return;
                }
            }
        });
    }
}
