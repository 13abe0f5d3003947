/**
 * The host machine as the local lab's parts use it, below all of them: where its system commands
 * are ({@link io.labbench.locallab.host.SystemTools}), whatever the PATH of the user who runs the lab, and
 * what a daemon's log gained since a mark ({@link io.labbench.locallab.host.LogTail}).
 */
package io.labbench.locallab.host;
