package io.labbench.app.ui.terminal;

import com.techsenger.jeditermfx.core.Terminal;
import com.techsenger.jeditermfx.core.TerminalDataStream;
import com.techsenger.jeditermfx.core.TerminalDisplay;
import com.techsenger.jeditermfx.core.TerminalStarter;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.emulator.JediEmulator;
import com.techsenger.jeditermfx.core.model.JediTerminal;
import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalAction;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JediTermFX widget with what the stock one keeps protected: re-reading the font after a zoom, and
 * running its own actions (find, copy, paste) from a menu. Fixes for JediTermFX's slow paths on fast
 * output: scrollback capped by a {@link ScrollbackTrimmer} rather than by the library, the
 * terminal model made by {@link PaneTerminal}, and the output parsed by a {@link FastPathEmulator}.
 */
public final class LabTerminalWidget extends JediTermFxWidget {

    /** The emulator parsing the connected shell's output; null until a connector is set. */
    private volatile JediEmulator emulator;

    public LabTerminalWidget(int columns, int rows, TerminalSettings settings) {
        super(columns, rows, settings);
        ScrollbackTrimmer.attach(getTerminalTextBuffer());
    }

    @Override
    protected JediTerminal createTerminal(TerminalDisplay display, TerminalTextBuffer buffer, StyleState style) {
        return PaneTerminal.create(display, buffer, style);
    }

    /**
     * The library's own starter, and its data stream (as its widget makes them) giving printable runs as arrays, with a
     * pane's emulator.
     */
    @Override
    protected TerminalStarter createTerminalStarter(JediTerminal terminal, TtyConnector connector) {
        return new TerminalStarter(terminal, connector,
                new TtyRunStream(connector, getTypeAheadManager()::onTerminalStateChanged),
                getTypeAheadManager(), getExecutorServiceManager()) {
            @Override
            protected JediEmulator createEmulator(TerminalDataStream dataStream, Terminal model) {
                emulator = FastPathEmulator.forPane(dataStream, model);
                return emulator;
            }
        };
    }

    /** The emulator parsing the connected shell's output, once a connector is set. */
    Optional<JediEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState style, TerminalTextBuffer buffer) {
        return new ZoomablePanel(settings, buffer, style);
    }

    /** Re-reads the font size from the settings and resizes the grid of cells (the pty follows). */
    public void applyFont() {
        ((ZoomablePanel) getTerminalPanel()).refont();
    }

    /** Runs one of the widget's own actions by name ("Find", "Copy", "Paste"); false if there is none. */
    public boolean runAction(String name) {
        List<TerminalAction> actions = new ArrayList<>(getActions());
        actions.addAll(getTerminalPanel().getActions());
        Optional<TerminalAction> action = actions.stream().filter(a -> name.equals(a.getName())).findFirst();
        return action.map(a -> a.actionPerformed(null)).orElse(false);
    }

    private static final class ZoomablePanel extends TerminalPanel {
        ZoomablePanel(SettingsProvider settings, TerminalTextBuffer buffer, StyleState style) {
            super(settings, buffer, style);
        }

        void refont() {
            reinitFontAndResize();
        }
    }
}
