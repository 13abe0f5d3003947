package io.labbench.app.ui.terminal;

import io.labbench.app.shell.TerminalDirectory;
import java.util.List;
import java.util.Optional;

/**
 * The lab wizard's way into the terminals: type into a named terminal (opening it first when the
 * workspace knows that name), optionally press Enter, and bring that pane forward.
 */
public final class TerminalAreaDirectory implements TerminalDirectory {

    private final TerminalAreaViewModel area;
    private final TerminalAreaView view;

    public TerminalAreaDirectory(TerminalAreaViewModel area, TerminalAreaView view) {
        this.area = area;
        this.view = view;
    }

    @Override
    public List<String> names() {
        return area.openNames();
    }

    @Override
    public void type(String terminalName, String text, boolean pressEnter) {
        OpenTerminal terminal = openOrFail(terminalName);
        terminal.type(text, pressEnter);
        area.focus(terminal.model());
    }

    @Override
    public void focus(String terminalName) {
        area.focus(openOrFail(terminalName).model());
    }

    @Override
    public List<String> recentLines(String terminalName, int maxLines) {
        return view.terminal(terminalName)
                .flatMap(OpenTerminal::link)
                .map(link -> link.recentLines(maxLines))
                .orElse(List.of());
    }

    private OpenTerminal openOrFail(String name) {
        Optional<OpenTerminal> open = view.terminal(name);
        if (open.isPresent()) {
            return open.get();
        }
        if (!view.links().knownNames().contains(name) && !name.startsWith("pod:")) {
            throw new IllegalArgumentException("No terminal named " + name + "; the workspace knows "
                    + view.links().knownNames() + " (add an endpoint in Edit > Endpoints)");
        }
        area.open(name);
        return view.terminal(name).orElseThrow();
    }
}
