package io.labbench.labmodel.model;

import io.labbench.cluster.Backend;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** One thing the learner does: why (body), what (actions), how we know it worked (checks). */
public record Step(String id, Text title, Text body, Set<Backend> backends, Optional<Text> notOnLocal,
                   OptionalInt homework, List<Action> actions, List<Capture> captures, List<Check> checks,
                   List<Text> hints) {
    public Step {
        backends = Set.copyOf(backends);
        actions = List.copyOf(actions);
        captures = List.copyOf(captures);
        checks = List.copyOf(checks);
        hints = List.copyOf(hints);
    }

    public boolean appliesTo(Backend backend) {
        return backends.contains(backend);
    }
}
