/**
 * Checks the learner's machine before the local lab starts: privileges (root, or unprivileged user
 * namespaces that are not blocked), and the commands the lab runs, each missing piece named with the
 * Debian package or the exact setting that fixes it.
 */
package io.labbench.locallab.check;
