package io.labbench.labmodel.model;

import java.util.Map;
import java.util.Optional;

/** What a step does when the learner presses its button. */
public sealed interface Action {

    /** Types {@code command} into the {@code on} terminal (pressing Enter when {@code enter}). */
    record Run(String command, Target on, boolean enter, Optional<Text> why) implements Action {
    }

    /** Opens or focuses a ready-made watch panel on a node. */
    record Watch(String watchId, Target on) implements Action {
    }

    /** Applies a manifest shipped under {@code assets/} (path relative to it). */
    record Apply(String manifest, Target on) implements Action {
    }

    /** An AWS or Kubernetes operation by name, e.g. {@code aws.cloudformation.create-stack}. */
    record Operation(String name, Map<String, String> with) implements Action {
        public Operation {
            with = Map.copyOf(with);
        }
    }

    /** A remark with nothing to run. */
    record Note(Text text) implements Action {
    }
}
