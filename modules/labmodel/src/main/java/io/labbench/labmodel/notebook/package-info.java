/**
 * The lab notebook: the steps a learner finished, with their commands, check results, captured values
 * and homework evidence, written as Markdown and HTML beside copies of the evidence images, with every
 * secret masked, ready to hand in.
 */
package io.labbench.labmodel.notebook;
