package io.labbench.app.ui.shortcuts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

class ShortcutTest {

    @Test
    void everyShortcutHasItsOwnKeys() {
        assertThat(Arrays.stream(Shortcut.values()).map(Shortcut::combination).distinct())
                .hasSize(Shortcut.values().length);
    }

    @Test
    void theRequiredActionsHaveShortcuts() {
        assertThat(Shortcut.NEXT_TERMINAL.keys()).isNotBlank();
        assertThat(Shortcut.MAXIMIZE_TERMINAL.combination()).isEqualTo(KeyCombination.valueOf("Ctrl+Shift+M"));
        assertThat(Shortcut.BROADCAST_END.combination()).isEqualTo(KeyCombination.valueOf("Ctrl+Shift+X"));
        assertThat(Shortcut.NEW_TERMINAL.keys()).isEqualTo("Ctrl+Shift+T");
        assertThat(Shortcut.ZOOM_IN.keys()).isEqualTo("Ctrl+Shift+=");
    }
}
