package io.labbench.app.terminals;

import java.io.IOException;
import java.util.List;

/**
 * Opens terminal connections by name. The workbench adapts the sessions module to this; tests can
 * hand in their own. Called off the JavaFX thread because connecting may take seconds.
 */
public interface TerminalLinkFactory {

    /** Names that can be opened ({@code kops-ec2}, {@code master}, …, {@code local}). */
    List<String> knownNames();

    /**
     * Connects the named terminal.
     *
     * @throws IOException when it cannot be started at all; the message says what to fix
     */
    TerminalLink open(String name, int columns, int rows, TerminalLink.StateListener listener) throws IOException;
}
