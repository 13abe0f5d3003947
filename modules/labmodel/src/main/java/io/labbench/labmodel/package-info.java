/**
 * The lab model: what a guided lab is (sections, steps, actions, checks, captures in Korean and
 * English), how a YAML lab file is loaded and validated with every error's file, line and column,
 * how variables are substituted and captured, how checks are judged (on raw output or on state parsed
 * by netparse), and the learner's progress saved in the workspace. Plain Java: no JavaFX, and no SSH,
 * AWS or Kubernetes — commands reach the nodes through the small {@link
 * io.labbench.labmodel.engine.CommandPort} the application adapts to its sessions.
 */
package io.labbench.labmodel;
