/**
 * The JavaFX desktop window. {@link io.labbench.app.ui.Workbench} is the composition root where the
 * window's parts (terminal area, lab pane, watch dock, status bar, dialogs, settings) are built and
 * wired; {@link io.labbench.app.ui.DesktopLauncher} starts JavaFX from the command line without an
 * {@code Application} subclass (the classpath launch needs that).
 */
package io.labbench.app.ui;
