/**
 * What the window remembers between launches (theme, geometry, split positions, open terminals, font
 * size) and the JSON file it lives in under {@code AppDirs.config()}, written atomically.
 */
package io.labbench.app.ui.settings;
