/**
 * What a watch panel shows, as plain immutable values: {@link io.labbench.watch.panel.WatchPanelModel}
 * listens to a {@link io.labbench.watch.run.WatchRunner}, keeps the history and publishes a
 * {@link io.labbench.watch.panel.PanelState} after every refresh (rows with per-cell highlight ages for
 * fading, new and just-removed rows, counter deltas, rates and sparkline series, approximate marks, raw
 * text with {@code watch -d} highlights). The JavaFX panel only draws these states.
 */
package io.labbench.watch.panel;
