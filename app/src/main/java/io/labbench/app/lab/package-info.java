/**
 * The lab wizard: the pane that walks the learner through a lab's sections and steps, renders each
 * step's Markdown with highlighted commands, types a step's commands into the right terminal, runs its
 * checks and captures through the lab engine, keeps variables editable, collects homework evidence and
 * exports the lab notebook. MVVM: {@link io.labbench.app.lab.LabPaneViewModel} holds the state and logic
 * (no controls), {@link io.labbench.app.lab.LabPaneView} builds the controls and binds to it.
 */
package io.labbench.app.lab;
