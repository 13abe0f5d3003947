/**
 * End-to-end tests: a lab from {@code assets/labs} walked on the real local lab through the wizard's
 * own machinery (lab loader, lab engine, command port over the sessions' SSH), as a learner would.
 */
package io.labbench.app.e2e;
