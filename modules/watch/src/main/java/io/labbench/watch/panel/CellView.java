package io.labbench.watch.panel;

import java.util.Optional;

/**
 * One cell as shown. {@code changeAge} is how many refreshes ago the value last changed: 0 this
 * refresh (brightest), up to {@link PanelStateBuilder#FADE_REFRESHES} − 1; {@link #UNCHANGED} when it has
 * not changed within that window, so the highlight fades out like {@code watch -d}.
 */
public record CellView(String column, String value, int changeAge, Optional<CounterView> counter) {

    public static final int UNCHANGED = -1;

    public boolean highlighted() {
        return changeAge != UNCHANGED;
    }
}
