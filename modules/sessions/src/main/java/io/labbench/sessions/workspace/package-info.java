/**
 * Workspaces: one learner's run of a lab against one backend, saved as a human-editable YAML file
 * ({@code workspace.yaml}) in {@link io.labbench.sessions.AppDirs#workspace(String)}. It maps the names
 * lab steps use to endpoints and holds the captured variables; transcripts are written beside it.
 * Loading validates the file and reports every problem with file, line, column and what was expected.
 */
package io.labbench.sessions.workspace;
