package io.labbench.app.lab;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.labmodel.engine.CheckRecord;
import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.Evidence;
import io.labbench.labmodel.engine.LabEngine;
import io.labbench.labmodel.engine.NetparseOutputParser;
import io.labbench.labmodel.engine.OutputParser;
import io.labbench.labmodel.engine.ProgressStore;
import io.labbench.labmodel.engine.StepProgress;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.eval.CaptureOutcome;
import io.labbench.labmodel.eval.CheckOutcome;
import io.labbench.labmodel.eval.Substitution;
import io.labbench.labmodel.model.Action;
import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Language;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.Target;
import io.labbench.labmodel.notebook.NotebookExporter;
import io.labbench.sessions.transcript.SecretMasker;
import io.labbench.storage.AtomicFileWriter;
import io.labbench.labmodel.notebook.NotebookFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wizard's state and logic. Engine work (running checks and captures, saving progress) happens on
 * one background thread, in order; results come back on the JavaFX thread. Terminal and watch calls
 * are made on the JavaFX thread, as their interfaces require.
 */
public final class LabPaneViewModel {
    private final Lab lab;
    private final LabEngine engine;
    private final TerminalDirectory terminals;
    private final WatchDirectory watches;
    private final Path workspaceDir;
    private final Executor background;
    private final Executor fx;
    private final UnaryOperator<String> masker;
    private final io.labbench.labmodel.eval.VariableSubstituter substituter;
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ObservableList<CheckRow> checks = FXCollections.observableArrayList();
    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<StepItem> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<StepOutline>> outline = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(Language.KO);
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.LOCAL);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final IntegerProperty hintsShown = new SimpleIntegerProperty(0);
    private final IntegerProperty variablesRevision = new SimpleIntegerProperty(0);
    private final BooleanBinding hasNext;
    private final BooleanBinding hasPrevious;
    private boolean updatingVariables;

    /**
     * The constructor the workbench uses: real parsers, one background thread, JavaFX's thread for
     * results, and the workspace's one masker (the terminals' transcripts use it too), so a password
     * typed at a terminal's prompt is masked in evidence and exports as well.
     */
    public LabPaneViewModel(Lab lab, TerminalDirectory terminals, WatchDirectory watches, CommandPort port, Path workspaceDir,
                            SecretMasker workspaceMasker) {
        this(lab, terminals, watches, port, workspaceDir, new NetparseOutputParser(), newBackgroundThread(),
                Platform::runLater, workspaceMasker::mask);
    }

    /** As the workbench's, with a masker of its own: for views shown without terminals' transcripts (demos, tests). */
    public LabPaneViewModel(Lab lab, TerminalDirectory terminals, WatchDirectory watches, CommandPort port, Path workspaceDir) {
        this(lab, terminals, watches, port, workspaceDir, SecretMasker.standard());
    }

    public LabPaneViewModel(Lab lab, TerminalDirectory terminals, WatchDirectory watches, CommandPort port, Path workspaceDir,
                            OutputParser parser, Executor background, Executor fx, UnaryOperator<String> masker) {
        this.lab = lab;
        this.terminals = terminals;
        this.watches = watches;
        this.workspaceDir = workspaceDir;
        this.background = background;
        this.fx = fx;
        this.masker = masker;
        this.substituter = new io.labbench.labmodel.eval.VariableSubstituter(LabEngine.labVariableNames(lab));
        this.engine = new LabEngine(lab, port, parser, new ProgressStore(workspaceDir), Duration.ofSeconds(60), Clock.systemUTC());
        engine.onSaveProblem(problem -> fx.execute(() -> message.set(problem)));
        for (Section section : lab.sections()) {
            for (Step step : section.steps()) {
                StepItem item = new StepItem(section, step);
                item.statusProperty().set(engine.status(step.id()));
                steps.add(item);
            }
        }
        for (String name : LabEngine.labVariableNames(lab)) {
            var decl = lab.variable(name);
            VariableRow row = new VariableRow(name, decl.map(d -> d.description()).orElse(
                    new io.labbench.labmodel.model.Text("캡처된 값", "captured value")), decl.map(d -> d.secret()).orElse(false));
            row.valueProperty().addListener((obs, old, now) -> {
                if (!updatingVariables) {
                    variablesRevision.set(variablesRevision.get() + 1);
                    String value = now;
                    background.execute(() -> engine.setVariable(name, value));
                }
            });
            variables.add(row);
        }
        refreshVariables();
        hasNext = Bindings.createBooleanBinding(() -> indexOfSelected() < steps.size() - 1, selected);
        hasPrevious = Bindings.createBooleanBinding(() -> indexOfSelected() > 0, selected);
        engine.loadProblem().ifPresent(message::set);
        outline.set(StepOutline.of(steps, backend.get()));
        // The dock offers the step's watches; a step that does not run here offers none.
        selected.addListener((obs, old, now) -> suggestWatches());
        backend.addListener((obs, old, now) -> {
            outline.set(StepOutline.of(steps, now));
            select(firstUnfinished());
            suggestWatches();
        });
        select(firstUnfinished());
    }

    private void suggestWatches() {
        StepItem item = selected.get();
        List<WatchDirectory.Suggestion> offered = item == null || !item.step().appliesTo(backend.get()) ? List.of()
                : item.step().actions().stream().filter(Action.Watch.class::isInstance).map(Action.Watch.class::cast)
                        .map(w -> new WatchDirectory.Suggestion(w.watchId(), w.on().name())).distinct().toList();
        try {
            watches.suggest(offered);
        } catch (RuntimeException e) {
            message.set("Could not offer the step's watches: " + e.getMessage());
        }
    }

    private static ExecutorService newBackgroundThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-engine");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- state the view binds to

    public Lab lab() {
        return lab;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public ObservableList<CheckRow> checks() {
        return checks;
    }

    public ObservableList<VariableRow> variables() {
        return variables;
    }

    /** The step tree on the current backend, with the steps that do not run here folded (see {@link StepOutline}). */
    public ReadOnlyObjectProperty<List<StepOutline>> outlineProperty() {
        return outline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StepItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public StepItem selected() {
        return selected.get();
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public IntegerProperty hintsShownProperty() {
        return hintsShown;
    }

    /** Goes up whenever a variable's value changes, so displayed commands are substituted again. */
    public IntegerProperty variablesRevisionProperty() {
        return variablesRevision;
    }

    public BooleanBinding hasNextProperty() {
        return hasNext;
    }

    public BooleanBinding hasPreviousProperty() {
        return hasPrevious;
    }

    public Optional<VariableRow> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<StepItem> item(String stepId) {
        return steps.stream().filter(s -> s.step().id().equals(stepId)).findFirst();
    }

    // ---- navigation

    public void select(StepItem item) {
        if (item == null || item == selected.get()) {
            return;
        }
        // Checks first: listeners of the selection render the step from them.
        hintsShown.set(0);
        checks.clear();

        for (int i = 0; i < item.step().checks().size(); i++) {
            CheckRow row = new CheckRow(i, item.step().checks().get(i));
            engine.progress(item.step().id()).check(i).ifPresent(record -> show(row, record));
            checks.add(row);
        }
        selected.set(item);
    }


    public void select(String stepId) {
        item(stepId).ifPresent(this::select);
    }

    /** The next step that runs on this backend (folded steps are passed over), else simply the next one. */
    public void next() {
        int i = indexOfSelected();
        for (int j = i + 1; j < steps.size(); j++) {
            if (steps.get(j).step().appliesTo(backend.get())) {
                select(steps.get(j));
                return;
            }
        }
        if (i < steps.size() - 1) {
            select(steps.get(i + 1));
        }
    }

    /** The step before that runs on this backend, else simply the one before. */
    public void previous() {
        int i = indexOfSelected();
        for (int j = i - 1; j >= 0; j--) {
            if (steps.get(j).step().appliesTo(backend.get())) {
                select(steps.get(j));
                return;
            }
        }
        if (i > 0) {
            select(steps.get(i - 1));
        }
    }

    private int indexOfSelected() {
        return steps.indexOf(selected.get());
    }

    /** Where the learner starts: the first unfinished step that runs on this backend. */
    private StepItem firstUnfinished() {
        java.util.function.Predicate<StepItem> unfinished = s -> s.status() == StepStatus.NOT_STARTED
                || s.status() == StepStatus.STARTED || s.status() == StepStatus.FAILED;
        return steps.stream().filter(s -> s.step().appliesTo(backend.get())).filter(unfinished).findFirst()
                .or(() -> steps.stream().filter(unfinished).findFirst())
                .orElse(steps.isEmpty() ? null : steps.get(0));
    }

    /** Whether the selected step can run on this workspace's backend. */
    public boolean selectedRunsHere() {
        return selected.get() == null || selected.get().step().appliesTo(backend.get());
    }

    // ---- operations (AWS / Kubernetes calls by name)

    private volatile io.labbench.app.shell.LabOperations operations;

    /** Connects the named operations ({@code aws.cloudformation.create-stack}, …) this pane's steps call. */
    public void useOperations(io.labbench.app.shell.LabOperations ops) {
        this.operations = ops;
    }

    private CompletableFuture<Void> runOperation(Action.Operation op) {
        io.labbench.app.shell.LabOperations ops = operations;
        if (ops == null || !ops.handles(op.name())) {
            message.set((language.get() == Language.KO ? "이 작업은 AWS 백엔드에서 실행됩니다: " : "This operation runs on the AWS backend: ")
                    + op.name() + (language.get() == Language.KO ? " (메뉴 Cluster > AWS…)" : " (menu Cluster > AWS…)"));
            return CompletableFuture.completedFuture(null);
        }
        java.util.Map<String, String> expanded = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, String> entry : op.with().entrySet()) {
            Substitution s = substitute(entry.getValue());
            if (s instanceof Substitution.Missing missing) {
                message.set(missing.message());
                return CompletableFuture.completedFuture(null);
            }
            expanded.put(entry.getKey(), ((Substitution.Done) s).text());
        }
        message.set(op.name() + " …");
        return ops.run(op.name(), expanded, progress -> javafx.application.Platform.runLater(() -> message.set(progress)))
                .handle((result, failure) -> {
                    javafx.application.Platform.runLater(() -> message.set(failure == null ? op.name() + ": " + result
                            : String.valueOf(failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage())));
                    return null;
                });
    }

    // ---- commands

    /** The command as it will be typed: variables substituted where they have values. */
    public String displayedCommand(String command) {
        Substitution s = substitute(command);
        return s instanceof Substitution.Done done ? done.text() : command;
    }

    /** Names without a value that the command needs, empty when it can run. */
    public List<String> missingVariables(String command) {
        Substitution s = substitute(command);
        return s instanceof Substitution.Missing m ? m.names() : List.of();
    }

    /** Substituted text of a run action, for Copy; empty (with a message) when a variable is missing. */
    public Optional<String> copyText(int actionIndex) {
        Action action = selected.get().step().actions().get(actionIndex);
        String raw = action instanceof Action.Run run ? run.command()
                : action instanceof Action.Apply apply ? applyCommand(apply) : "";
        Substitution s = substitute(raw);
        if (s instanceof Substitution.Missing m) {
            message.set(m.message());
            return Optional.empty();
        }
        message.set(language.get() == Language.KO ? "복사했습니다" : "Copied");
        return Optional.of(((Substitution.Done) s).text());
    }

    /**
     * Performs action {@code actionIndex} of the selected step. For a command, the step's counter
     * baselines are taken first (so "increased since the step started" counts this command's traffic),
     * then the substituted command is typed into its terminal, which gets the focus.
     */
    public CompletableFuture<Void> runAction(int actionIndex) {
        StepItem item = selected.get();
        Action action = item.step().actions().get(actionIndex);
        if (!item.step().appliesTo(backend.get())) {
            message.set(language.get() == Language.KO ? "이 단계는 이 백엔드에서 실행되지 않습니다"
                    : "This step does not run on the " + backend.get().yamlName() + " backend");
            return CompletableFuture.completedFuture(null);
        }
        if (action instanceof Action.Note) {
            return CompletableFuture.completedFuture(null);
        }
        if (action instanceof Action.Operation op) {
            return runOperation(op);
        }
        if (action instanceof Action.Watch watch) {
            startStepThen(item, () -> watches.openWatch(watch.watchId(), watch.on().name()));
            return CompletableFuture.completedFuture(null);
        }
        String raw;
        Target target;
        boolean enter;
        if (action instanceof Action.Run run) {
            raw = run.command();
            target = run.on();
            enter = run.enter();
        } else {
            Action.Apply apply = (Action.Apply) action;
            raw = applyCommand(apply);
            target = apply.on();
            enter = true;
        }
        Substitution s = substitute(raw);
        if (s instanceof Substitution.Missing m) {
            message.set(m.message());
            return CompletableFuture.completedFuture(null);
        }
        String text = ((Substitution.Done) s).text();
        return startStepThen(item, () -> {
            try {
                terminals.type(target.name(), text, enter);
                message.set((language.get() == Language.KO ? "입력함 → " : "Typed into ") + target.name());
            } catch (RuntimeException e) {
                message.set("Could not type into " + target.name() + ": " + e.getMessage());
            }
        });
    }

    private String applyCommand(Action.Apply apply) {
        Path assets = lab.source().toAbsolutePath().getParent();
        assets = assets == null || assets.getParent() == null ? Path.of("assets") : assets.getParent();
        return "kubectl apply -f " + CommandRunnerPort.shellQuote(assets.resolve(apply.manifest()).toString());
    }

    private CompletableFuture<Void> startStepThen(StepItem item, Runnable onFx) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        busy.set(true);
        background.execute(() -> {
            List<String> problems;
            try {
                problems = engine.startStep(item.step().id());
            } catch (RuntimeException | LinkageError e) {
                problems = List.of(String.valueOf(e));
            }
            List<String> baselineProblems = problems;
            fx.execute(() -> {
                busy.set(false);
                refreshStatus(item);
                onFx.run();
                if (!baselineProblems.isEmpty()) {
                    message.set(String.join("; ", baselineProblems));
                }
                done.complete(null);
            });
        });
        return done;
    }

    public CompletableFuture<Void> runCheck(int index) {
        StepItem item = selected.get();
        CheckRow row = checks.get(index);
        row.stateProperty().set(CheckRow.State.RUNNING);
        row.whyProperty().set("");
        return onBackground(() -> engine.runCheck(item.step().id(), index), outcome -> {
            row.stateProperty().set(outcome.passed() ? CheckRow.State.PASSED : CheckRow.State.FAILED);
            row.whyProperty().set(outcome.why());
            refreshStatus(item);
        });
    }

    public CompletableFuture<Void> runAllChecks() {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (int i = 0; i < checks.size(); i++) {
            int index = i;
            all = all.thenCompose(ignored -> runCheckLater(index));
        }
        return all;
    }

    private CompletableFuture<Void> runCheckLater(int index) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        fx.execute(() -> runCheck(index).whenComplete((v, e) -> next.complete(null)));
        return next;
    }

    /** Runs the selected step's captures; found values fill the variables panel. */
    public CompletableFuture<Void> runCaptures() {
        StepItem item = selected.get();
        return onBackground(() -> engine.runCaptures(item.step().id()), outcomes -> {
            refreshVariables();
            List<String> parts = new ArrayList<>();
            for (CaptureOutcome outcome : outcomes) {
                if (outcome instanceof CaptureOutcome.Captured c) {
                    parts.add("$" + c.variable() + " = " + c.value());
                } else {
                    parts.add("$" + outcome.variable() + ": " + ((CaptureOutcome.NotCaptured) outcome).why());
                }
            }
            message.set(String.join("; ", parts));
        });
    }

    /** Marks the step done and moves on to the next one, as the learner expects. */
    public CompletableFuture<Void> markDone() {
        StepItem item = selected.get();
        return onBackground(() -> {
            engine.markDone(item.step().id());
            return null;
        }, ignored -> {
            refreshStatus(item);
            if (selected.get() == item) {
                next();
            }
        });
    }

    public CompletableFuture<Void> skip() {
        StepItem item = selected.get();
        return onBackground(() -> {
            engine.skip(item.step().id());
            return null;
        }, ignored -> {
            refreshStatus(item);
            next();
        });
    }

    /** Forgets the selected step's section progress (statuses, checks, the variables it captured). */
    public CompletableFuture<Void> resetSection() {
        Section section = selected.get().section();
        return onBackground(() -> {
            engine.resetSection(section.id());
            return null;
        }, ignored -> {
            steps.stream().filter(s -> s.section().id().equals(section.id())).forEach(this::refreshStatus);
            refreshVariables();
            checks.forEach(c -> {
                c.stateProperty().set(CheckRow.State.NOT_RUN);
                c.whyProperty().set("");
            });
            message.set((language.get() == Language.KO ? "섹션을 초기화했습니다: " : "Section reset: ") + section.id());
        });
    }

    public void showNextHint() {
        StepItem item = selected.get();
        if (item != null && hintsShown.get() < item.step().hints().size()) {
            hintsShown.set(hintsShown.get() + 1);
        }
    }

    public void setVariable(String name, String value) {
        variable(name).ifPresent(v -> v.valueProperty().set(value));
    }

    // ---- homework evidence and export

    /** Terminals the selected step types into, for its transcript evidence. */
    public List<String> stepTerminals() {
        Set<String> names = new LinkedHashSet<>();
        for (Action action : selected.get().step().actions()) {
            if (action instanceof Action.Run run) {
                names.add(run.on().name());
            } else if (action instanceof Action.Apply apply) {
                names.add(apply.on().name());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Saves evidence for the selected step: the last lines of each of its terminals, what each of its
     * open watch panels shows (snapshot and last change, as Markdown) and, when given, a PNG of the
     * panes (written to the workspace's {@code evidence} folder).
     */
    public CompletableFuture<Void> collectEvidence(Optional<byte[]> png) {
        StepItem item = selected.get();
        Map<String, List<String>> transcripts = new java.util.LinkedHashMap<>();
        for (String name : stepTerminals()) {
            try {
                List<String> lines = terminals.recentLines(name, 60);
                if (!lines.isEmpty()) {
                    transcripts.put(name, lines);
                }
            } catch (RuntimeException e) {
                // A terminal that is not open has no transcript to give.
            }
        }
        Map<String, String> watchTexts = new java.util.LinkedHashMap<>();
        for (Action action : item.step().actions()) {
            if (action instanceof Action.Watch watch) {
                // Taken now, on the JavaFX thread, so the evidence is what the learner sees when clicking.
                watches.snapshotText(watch.watchId(), watch.on().name()).ifPresent(text ->
                        watchTexts.putIfAbsent(watch.watchId() + " on " + watch.on().name(), text));
            }
        }
        return onBackground(() -> {
            Instant now = Instant.now();
            for (Map.Entry<String, List<String>> t : transcripts.entrySet()) {
                engine.addEvidence(item.step().id(), new Evidence(Evidence.TRANSCRIPT, t.getKey() + " transcript",
                        masker.apply(String.join("\n", t.getValue())), "", now));
            }
            for (Map.Entry<String, String> w : watchTexts.entrySet()) {
                engine.addEvidence(item.step().id(), new Evidence(Evidence.WATCH, "watch " + w.getKey(),
                        masker.apply(w.getValue()), "", now));
            }
            if (png.isPresent()) {
                Path folder = workspaceDir.resolve("evidence");
                String file = item.step().id() + "-" + now.toEpochMilli() + ".png";
                AtomicFileWriter.write(folder.resolve(file), png.get());
                engine.addEvidence(item.step().id(), new Evidence(Evidence.IMAGE, "panes", "", "evidence/" + file, now));
            }
            return transcripts.size() + watchTexts.size() + (png.isPresent() ? 1 : 0);
        }, count -> message.set((language.get() == Language.KO ? "증거 수집: " : "Evidence collected: ") + count));
    }

    /** The id of the lab step selected now (JavaFX thread), where another view's picture would go. */
    public Optional<String> selectedStepId() {
        StepItem item = selected.get();
        return item == null ? Optional.empty() : Optional.of(item.step().id());
    }

    /**
     * Records a picture another view saved in the workspace ({@code workspaceRelativeFile}, e.g. the Path
     * view's {@code evidence/path-….png}) as image evidence of step {@code stepId} (read with {@link
     * #selectedStepId()} when the learner exported), so the notebook shows it. Any thread, like the other
     * evidence the engine takes. Returns where it went, for that view's status line.
     */
    public String addImageEvidence(String stepId, String title, String workspaceRelativeFile) {
        engine.addEvidence(stepId, new Evidence(Evidence.IMAGE, title, "", workspaceRelativeFile, Instant.now()));
        return "added to the notebook under step " + stepId;
    }

    /** The workspace folder (where evidence files go). */
    public Path workspaceDir() {
        return workspaceDir;
    }

    public CompletableFuture<NotebookFiles> exportNotebook(Path outDir) {
        CompletableFuture<NotebookFiles> result = new CompletableFuture<>();
        Language lang = language.get();
        onBackground(() -> new NotebookExporter(masker).export(engine, lang, workspaceDir, outDir), files -> {
            message.set((lang == Language.KO ? "노트북을 내보냈습니다: " : "Notebook exported: ") + files.markdown()
                    + " (" + files.steps() + " steps)");
            result.complete(files);
        }).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    // ---- plumbing

    /**
     * Substitutes with the values shown in the variables panel: an edit reaches the engine on its
     * background thread a moment later, but what the learner sees is what gets typed.
     */
    private Substitution substitute(String text) {
        Map<String, String> values = new java.util.HashMap<>();
        variables.forEach(v -> values.put(v.name(), v.valueProperty().get() == null ? "" : v.valueProperty().get().strip()));
        return substituter.substitute(text, values);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws IOException;
    }

    private <T> CompletableFuture<Void> onBackground(Work<T> work, java.util.function.Consumer<T> onFx) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        busy.set(true);
        background.execute(() -> {
            try {
                T value = work.run();
                fx.execute(() -> {
                    busy.set(false);
                    try {
                        onFx.accept(value);
                        done.complete(null);
                    } catch (RuntimeException e) {
                        message.set(e.getMessage());
                        done.completeExceptionally(e);
                    }
                });
            } catch (IOException | RuntimeException | LinkageError e) {
                // Whatever went wrong, the learner sees it and the pane is not left busy forever.
                fx.execute(() -> {
                    busy.set(false);
                    message.set("Failed: " + e);
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    private void refreshStatus(StepItem item) {
        item.statusProperty().set(engine.status(item.step().id()));
    }

    private void refreshVariables() {
        Map<String, String> values = engine.variables();
        updatingVariables = true;
        try {
            for (VariableRow row : variables) {
                row.valueProperty().set(values.getOrDefault(row.name(), ""));
            }
        } finally {
            updatingVariables = false;
        }
        variablesRevision.set(variablesRevision.get() + 1);
    }

    private static void show(CheckRow row, CheckRecord record) {
        row.stateProperty().set(record.passed() ? CheckRow.State.PASSED : CheckRow.State.FAILED);
        row.whyProperty().set(record.why());
    }

    StepProgress progress(String stepId) {
        return engine.progress(stepId);
    }
}
