/**
 * The watch dock: JavaFX panels that draw the plain-Java watch state of {@code io.labbench.watch}
 * (tables with {@code watch -d}-style fading highlights, counter deltas and sparklines, raw text, a
 * history scrubber, side-by-side node comparison), arranged in tabs and splits that survive a restart.
 * {@link io.labbench.app.watch.WatchDock} is the entry point the main window wires in; it also
 * implements {@link io.labbench.app.shell.WatchDirectory} for the lab wizard. ViewModels hold JavaFX
 * properties and are tested without a screen; views only build controls and bind.
 */
package io.labbench.app.watch;
