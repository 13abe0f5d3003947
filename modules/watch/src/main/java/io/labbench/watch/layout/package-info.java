/**
 * Where the watch dock's panels were: which watches were open on which node, in which pane and tab
 * order, at what interval. Saved as JSON in the settings folder
 * ({@code AppDirs.config()/watch-dock.json}) so the dock comes back as it was after a restart.
 */
package io.labbench.watch.layout;
