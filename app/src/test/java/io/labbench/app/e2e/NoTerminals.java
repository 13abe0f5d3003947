package io.labbench.app.e2e;

import io.labbench.app.shell.TerminalDirectory;
import java.util.List;

/** The terminals of a window under test that types nothing: typing into one fails the test. */
final class NoTerminals implements TerminalDirectory {
    @Override
    public List<String> names() {
        return List.of();
    }

    @Override
    public void type(String terminalName, String text, boolean pressEnter) {
        throw new AssertionError("nothing should be typed: " + text);
    }

    @Override
    public void focus(String terminalName) {
    }

    @Override
    public List<String> recentLines(String terminalName, int maxLines) {
        return List.of();
    }
}
