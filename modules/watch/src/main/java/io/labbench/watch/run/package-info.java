/**
 * Running a watch: {@link io.labbench.watch.run.WatchRunner} re-runs one watch's command through its
 * endpoint's {@link io.labbench.sessions.CommandRunner} on a shared scheduler, one run at a time, and
 * reports each run as a {@link io.labbench.watch.run.WatchOutcome}: a parsed snapshot, a command that
 * failed (stderr and exit code), or a connection that is not there (the panel goes stale and resumes
 * by itself when the connection returns).
 */
package io.labbench.watch.run;
