package io.labbench.labmodel.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What is saved for one step: its status, last check results, counter baselines and evidence. */
public record StepProgress(StepStatus status, Optional<Instant> startedAt, List<CheckRecord> checks,
                           Map<Integer, Long> baselines, List<Evidence> evidence) {
    public static final StepProgress NEW = new StepProgress(StepStatus.NOT_STARTED, Optional.empty(), List.of(), Map.of(), List.of());

    public StepProgress {
        checks = List.copyOf(checks);
        baselines = Map.copyOf(baselines);
        evidence = List.copyOf(evidence);
    }

    public StepProgress withStatus(StepStatus next) {
        return new StepProgress(next, startedAt, checks, baselines, evidence);
    }

    public Optional<CheckRecord> check(int index) {
        return checks.stream().filter(c -> c.index() == index).findFirst();
    }
}
