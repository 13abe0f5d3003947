/**
 * Evaluation: substituting {@code $NAME} variables, taking captures from output, and judging checks
 * (raw output or state parsed by netparse). Results say why, in words a learner can act on.
 */
package io.labbench.labmodel.eval;
