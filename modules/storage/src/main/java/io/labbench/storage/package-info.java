/**
 * How LabBench puts its files on disk. Every file the app keeps (workspaces, settings, lab progress,
 * known_hosts, local lab state) is written by {@link io.labbench.storage.AtomicFileWriter}: the new
 * content goes to a unique temporary file in the same folder, is forced to disk, renamed over the old
 * file and the folder is forced too, so a crash or {@code kill -9} at any moment leaves either the old
 * file or the new one, never half of one. The files are the user's own (mode 0600) in folders only the
 * user can enter (0700, see {@link io.labbench.storage.PrivateFolders}). Plain Java with no dependencies,
 * so every module, down to the lab model, can use it.
 */
package io.labbench.storage;
