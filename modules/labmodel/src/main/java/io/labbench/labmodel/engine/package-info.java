/**
 * The lab engine: the learner's progress through one lab in one workspace (step status, variables,
 * check results, counter baselines), saved atomically to {@code progress.json} as it changes, and the
 * ports through which it runs commands ({@link io.labbench.labmodel.engine.CommandPort}) and parses
 * their output ({@link io.labbench.labmodel.engine.OutputParser}).
 */
package io.labbench.labmodel.engine;
