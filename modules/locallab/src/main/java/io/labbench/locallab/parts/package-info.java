/**
 * The runner behind the local lab's {@code up} and {@code down}: a lab is a list of {@link
 * io.labbench.locallab.parts.Part}s, each with a start and a stop and the parts it comes after; {@link
 * io.labbench.locallab.parts.PartRunner} starts independent parts side by side, counts progress from
 * the list, times each start ({@link io.labbench.locallab.parts.UpTimeline}) and stops the started parts
 * in reverse order when one fails. It knows nothing of what the parts do (kind's {@code create.go}
 * with its actions is the model).
 */
package io.labbench.locallab.parts;
