package io.labbench.labmodel.engine;

import io.labbench.labmodel.eval.CaptureEvaluator;
import io.labbench.labmodel.eval.CaptureOutcome;
import io.labbench.labmodel.eval.CheckEvaluator;
import io.labbench.labmodel.eval.CheckOutcome;
import io.labbench.labmodel.eval.CounterReading;
import io.labbench.labmodel.eval.SourceRunner;
import io.labbench.labmodel.eval.Substitution;
import io.labbench.labmodel.eval.VariableSubstituter;
import io.labbench.labmodel.model.Capture;
import io.labbench.labmodel.model.Check;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.ParsedAssertion;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.VariableDecl;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The learner's run of one lab in one workspace. Every change (a status, a variable, a check result,
 * a baseline) is saved to the workspace's {@code progress.json} at once. Commands run without holding
 * the engine's lock, so a slow check never blocks the UI thread reading the state.
 */
public final class LabEngine {
    private final Lab lab;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|PRIVATE_?KEY");
    private final ProgressStore store;
    private final VariableSubstituter substituter;
    private final CaptureEvaluator captures;
    private final CheckEvaluator checks;
    private final Clock clock;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, StepProgress> steps = new HashMap<>();
    private final List<Consumer<String>> saveProblemListeners = new CopyOnWriteArrayList<>();
    private Optional<String> loadProblem = Optional.empty();

    public LabEngine(Lab lab, CommandPort port, OutputParser parser, ProgressStore store, Duration commandTimeout, Clock clock) {
        this.lab = lab;
        this.store = store;
        this.clock = clock;
        this.substituter = new VariableSubstituter(labVariableNames(lab));
        SourceRunner runner = new SourceRunner(port, substituter, commandTimeout);
        this.captures = new CaptureEvaluator(runner, parser);
        this.checks = new CheckEvaluator(runner, parser);
        for (VariableDecl v : lab.variables()) {
            variables.put(v.name(), v.defaultValue().orElse(""));
        }
        try {
            ProgressStore.Loaded loaded = store.load(lab.id(), secretVariables(lab));
            loaded.progress().ifPresent(saved -> {
                saved.variables().forEach(variables::put);
                steps.putAll(saved.steps());
            });
            loadProblem = loaded.problem();
        } catch (IOException | RuntimeException e) {
            loadProblem = Optional.of("could not read " + store.file() + " (" + e.getMessage()
                    + "); starting with fresh progress, the file will be replaced on the next change");
        }
    }

    public LabEngine(Lab lab, CommandPort port, OutputParser parser, java.nio.file.Path workspaceDir) {
        this(lab, port, parser, new ProgressStore(workspaceDir), Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** Every name the lab uses as a variable: declared ones and captured ones. */
    public static Set<String> labVariableNames(Lab lab) {
        Set<String> names = new LinkedHashSet<>();
        lab.variables().forEach(v -> names.add(v.name()));
        lab.allSteps().forEach(s -> s.captures().forEach(c -> names.add(c.variable())));
        return names;
    }

    public Lab lab() {
        return lab;
    }

    /**
     * The variables whose values never go to disk: those the lab declares {@code secret: true}, and any
     * whose name says it holds a secret (a captured {@code …_SECRET_ACCESS_KEY}, a token, a password),
     * in case a lab forgot to declare one.
     */
    public static Set<String> secretVariables(Lab lab) {
        Set<String> secret = new TreeSet<>();
        for (String name : labVariableNames(lab)) {
            boolean declared = lab.variable(name).map(VariableDecl::secret).orElse(false);
            if (declared || SECRET_NAME.matcher(name).find()) {
                secret.add(name);
            }
        }
        return secret;
    }

    /** Why saved progress could not be restored, if it could not. */
    public Optional<String> loadProblem() {
        return loadProblem;
    }

    /** Called with a message when saving fails (the state stays in memory). */
    public void onSaveProblem(Consumer<String> listener) {
        saveProblemListeners.add(listener);
    }

    public synchronized Map<String, String> variables() {
        Map<String, String> all = new LinkedHashMap<>();
        labVariableNames(lab).forEach(n -> all.put(n, variables.getOrDefault(n, "")));
        return all;
    }

    public synchronized void setVariable(String name, String value) {
        variables.put(name, value == null ? "" : value.strip());
        save();
    }

    public synchronized Substitution substitute(String text) {
        return substituter.substitute(text, Map.copyOf(variables));
    }

    public synchronized StepProgress progress(String stepId) {
        return steps.getOrDefault(stepId, StepProgress.NEW);
    }

    public StepStatus status(String stepId) {
        return progress(stepId).status();
    }

    /**
     * Marks the step started (once) and takes the baseline of its {@code counterIncreased} checks, so
     * a later check can tell whether the counter went up. Returns problems reading a baseline.
     */
    public List<String> startStep(String stepId) {
        Step step = step(stepId);
        boolean first;
        synchronized (this) {
            StepProgress current = progress(stepId);
            first = current.startedAt().isEmpty();
            if (first) {
                StepStatus status = current.status() == StepStatus.NOT_STARTED ? StepStatus.STARTED : current.status();
                steps.put(stepId, new StepProgress(status, Optional.of(clock.instant()), current.checks(),
                        current.baselines(), current.evidence()));
                save();
            }
        }
        if (!first) {
            return List.of();
        }
        return takeBaselines(step);
    }

    private List<String> takeBaselines(Step step) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = snapshotVariables();
        for (int i = 0; i < step.checks().size(); i++) {
            Check check = step.checks().get(i);
            if (check.kind() instanceof Check.Parsed parsed && parsed.assertion() instanceof ParsedAssertion.CounterIncreased counter) {
                CounterReading reading = checks.readCounter(parsed, counter, values);
                if (reading instanceof CounterReading.Value v) {
                    storeBaseline(step.id(), i, v.total());
                } else {
                    problems.add("baseline for check " + (i + 1) + ": " + ((CounterReading.Unreadable) reading).why());
                }
            }
        }
        return problems;
    }

    private synchronized void storeBaseline(String stepId, int index, long value) {
        StepProgress current = progress(stepId);
        Map<Integer, Long> baselines = new HashMap<>(current.baselines());
        baselines.put(index, value);
        steps.put(stepId, new StepProgress(current.status(), current.startedAt(), current.checks(), baselines, current.evidence()));
        save();
    }

    public synchronized void markDone(String stepId) {
        StepProgress current = progress(stepId);
        if (current.status() != StepStatus.CHECK_PASSED) {
            steps.put(stepId, current.withStatus(StepStatus.DONE));
            save();
        }
    }

    public synchronized void skip(String stepId) {
        steps.put(stepId, progress(stepId).withStatus(StepStatus.SKIPPED));
        save();
    }

    /** Runs every capture of the step, setting the variables that were found. */
    public List<CaptureOutcome> runCaptures(String stepId) {
        List<CaptureOutcome> outcomes = new ArrayList<>();
        for (Capture capture : step(stepId).captures()) {
            CaptureOutcome outcome = captures.evaluate(capture, snapshotVariables());
            if (outcome instanceof CaptureOutcome.Captured captured) {
                setVariable(captured.variable(), captured.value());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Runs one check, records its result and updates the step's status from all its checks' results. */
    public CheckOutcome runCheck(String stepId, int index) {
        Step step = step(stepId);
        Check check = step.checks().get(index);
        OptionalLong baseline;
        synchronized (this) {
            Long saved = progress(stepId).baselines().get(index);
            baseline = saved == null ? OptionalLong.empty() : OptionalLong.of(saved);
        }
        Map<String, String> values = snapshotVariables();
        CheckOutcome outcome = checks.evaluate(check, values, baseline);
        if (baseline.isEmpty() && check.kind() instanceof Check.Parsed parsed
                && parsed.assertion() instanceof ParsedAssertion.CounterIncreased counter) {
            // No baseline yet: what we just read becomes it, so the next check can pass.
            CounterReading reading = checks.readCounter(parsed, counter, values);
            if (reading instanceof CounterReading.Value v) {
                storeBaseline(stepId, index, v.total());
            }
        }
        record(stepId, index, outcome);
        return outcome;
    }

    public List<CheckOutcome> runChecks(String stepId) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < step(stepId).checks().size(); i++) {
            outcomes.add(runCheck(stepId, i));
        }
        return outcomes;
    }

    private synchronized void record(String stepId, int index, CheckOutcome outcome) {
        StepProgress current = progress(stepId);
        List<CheckRecord> records = new ArrayList<>(current.checks().stream().filter(c -> c.index() != index).toList());
        records.add(new CheckRecord(index, outcome.passed(), outcome.why(), clock.instant()));
        records.sort((a, b) -> Integer.compare(a.index(), b.index()));
        int total = step(stepId).checks().size();
        boolean anyFailed = records.stream().anyMatch(r -> !r.passed());
        boolean allPassed = records.size() == total && records.stream().allMatch(CheckRecord::passed);
        StepStatus status = anyFailed ? StepStatus.FAILED : allPassed ? StepStatus.CHECK_PASSED
                : current.status() == StepStatus.NOT_STARTED ? StepStatus.STARTED : current.status();
        steps.put(stepId, new StepProgress(status, current.startedAt(), records, current.baselines(), current.evidence()));
        save();
    }

    public synchronized void addEvidence(String stepId, Evidence evidence) {
        StepProgress current = progress(stepId);
        List<Evidence> all = new ArrayList<>(current.evidence());
        all.add(evidence);
        steps.put(stepId, new StepProgress(current.status(), current.startedAt(), current.checks(), current.baselines(), all));
        save();
    }

    /**
     * Forgets the section's progress: statuses, check results, baselines and evidence of its steps,
     * and the values of variables only its steps capture (declared ones go back to their default).
     */
    public synchronized void resetSection(String sectionId) {
        Section section = lab.sections().stream().filter(s -> s.id().equals(sectionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + sectionId + " in lab " + lab.id()));
        Set<String> capturedHere = new LinkedHashSet<>();
        for (Step step : section.steps()) {
            steps.remove(step.id());
            step.captures().forEach(c -> capturedHere.add(c.variable()));
        }
        for (Step other : lab.allSteps()) {
            if (!section.steps().contains(other)) {
                other.captures().forEach(c -> capturedHere.remove(c.variable()));
            }
        }
        for (String name : capturedHere) {
            variables.put(name, lab.variable(name).flatMap(VariableDecl::defaultValue).orElse(""));
        }
        save();
    }

    private synchronized Map<String, String> snapshotVariables() {
        return Map.copyOf(variables);
    }

    private Step step(String stepId) {
        return lab.step(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId + " in lab " + lab.id()));
    }

    private void save() {
        try {
            store.save(new LabProgress(lab.id(), variables, steps), secretVariables(lab))
                    .ifPresent(problem -> saveProblemListeners.forEach(l -> l.accept(problem)));
        } catch (IOException | RuntimeException e) {
            String message = "could not save progress to " + store.file() + ": " + e.getMessage()
                    + " (check the folder is writable; progress is kept in memory until then)";
            saveProblemListeners.forEach(l -> l.accept(message));
        }
    }
}
