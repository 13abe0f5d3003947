package io.labbench.app.shell;

import java.util.List;

/**
 * The terminals the workbench has open, by name ({@code kops-ec2}, {@code master}, {@code worker1},
 * {@code worker2}, {@code kubectl}, {@code pod:pod-1}, {@code local}). The lab wizard uses it to type a
 * step's command into the right terminal and bring that pane forward. Methods are called on the
 * JavaFX application thread.
 */
public interface TerminalDirectory {

    /** Names of the terminals that exist now. */
    List<String> names();

    /**
     * Types {@code text} into the named terminal (opening it first if it is a known target that is
     * not open), presses Enter when asked, and focuses the pane.
     */
    void type(String terminalName, String text, boolean pressEnter);

    /** Brings the named terminal forward and gives it keyboard focus. */
    void focus(String terminalName);

    /** The last {@code maxLines} lines of the terminal's transcript (ANSI stripped, secrets masked). */
    List<String> recentLines(String terminalName, int maxLines);
}
