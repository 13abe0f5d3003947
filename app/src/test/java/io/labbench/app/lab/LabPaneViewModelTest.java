package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.labmodel.engine.NetparseOutputParser;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Action;
import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's navigation on the shipped week-2 lab, without a screen: on the local lab the steps the
 * lab file marks AWS-only are folded and the learner starts at the first step that runs; "Mark done"
 * moves on; the dock is offered the step's watches. The expectations are read from the lab model, so
 * the test follows the lab file as steps become runnable on the local lab.
 */
class LabPaneViewModelTest {

    @TempDir
    Path workspace;

    private Lab lab;
    private final List<List<WatchDirectory.Suggestion>> offered = new ArrayList<>();

    @BeforeEach
    void load() {
        Path file = Path.of("../assets/labs/pkos-week2.yaml");
        if (!Files.isRegularFile(file)) {
            file = Path.of("assets/labs/pkos-week2.yaml");
        }
        LoadResult loaded = new LabLoader().load(file);
        assertThat(loaded.errors()).isEmpty();
        lab = loaded.lab().orElseThrow();
    }

    private LabPaneViewModel wizard() {
        TerminalDirectory noTerminals = new TerminalDirectory() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void type(String terminalName, String text, boolean pressEnter) {
                throw new AssertionError("nothing is typed in this test");
            }

            @Override
            public void focus(String terminalName) {
            }

            @Override
            public List<String> recentLines(String terminalName, int maxLines) {
                return List.of();
            }
        };
        WatchDirectory dock = new WatchDirectory() {
            @Override
            public void openWatch(String watchId, String endpointName) {
            }

            @Override
            public void suggest(List<Suggestion> watches) {
                offered.add(watches);
            }
        };
        return new LabPaneViewModel(lab, noTerminals, dock, new LocalBashPort(), workspace, new NetparseOutputParser(),
                Runnable::run, Runnable::run, text -> text);
    }

    private List<Step> allSteps() {
        return lab.sections().stream().flatMap(s -> s.steps().stream()).toList();
    }

    @Test
    void onTheLocalLabTheLeadingAwsOnlyStepsAreOneFoldAndTheLearnerStartsAtTheFirstStepThatRuns() {
        List<Step> steps = allSteps();
        List<Step> leadingAwsOnly = steps.stream().takeWhile(s -> !s.appliesTo(Backend.LOCAL)).toList();
        Step firstRunnable = steps.stream().filter(s -> s.appliesTo(Backend.LOCAL)).findFirst().orElseThrow();

        LabPaneViewModel wizard = wizard();
        assertThat(wizard.selected().step()).isEqualTo(firstRunnable);
        List<StepOutline> outline = wizard.outlineProperty().get();
        if (leadingAwsOnly.size() >= 2) {
            assertThat(outline.get(0)).isInstanceOfSatisfying(StepOutline.Fold.class, fold ->
                    assertThat(fold.steps()).extracting(StepItem::step).containsExactlyElementsOf(leadingAwsOnly));
        }
        // Every step is still in the tree exactly once, folded or not.
        assertThat(flatten(outline)).extracting(StepItem::step).containsExactlyElementsOf(steps);
        // Nothing that runs here is folded away.
        assertThat(folded(outline)).allSatisfy(item -> assertThat(item.step().appliesTo(Backend.LOCAL)).isFalse());

        wizard.backendProperty().set(Backend.AWS);
        assertThat(folded(wizard.outlineProperty().get())).as("on AWS only the local-only steps fold")
                .allSatisfy(item -> assertThat(item.step().appliesTo(Backend.AWS)).isFalse());
        assertThat(flatten(wizard.outlineProperty().get()).get(0).step()).isEqualTo(steps.get(0));
        assertThat(wizard.selected().step()).isEqualTo(steps.stream().filter(s -> s.appliesTo(Backend.AWS)).findFirst().orElseThrow());
    }

    @Test
    void markDoneMarksTheStepAndMovesOnToTheNextStepThatRuns() throws Exception {
        LabPaneViewModel wizard = wizard();
        StepItem first = wizard.selected();
        List<Step> steps = allSteps();
        Step expectedNext = steps.subList(steps.indexOf(first.step()) + 1, steps.size()).stream()
                .filter(s -> s.appliesTo(Backend.LOCAL)).findFirst().orElseThrow();

        wizard.markDone().get(10, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(StepStatus.DONE);
        assertThat(wizard.selected().step()).isEqualTo(expectedNext);

        wizard.previous();
        assertThat(wizard.selected()).isSameAs(first);
        assertThat(wizard().selected().step()).as("a restart begins at the first unfinished step that runs")
                .isEqualTo(expectedNext);
    }

    @Test
    void aStepWithWatchesOffersThemToTheDockAndOneWithoutOffersNone() {
        LabPaneViewModel wizard = wizard();
        StepItem withWatches = wizard.steps().stream()
                .filter(s -> s.step().appliesTo(Backend.LOCAL))
                .filter(s -> s.step().actions().stream().anyMatch(Action.Watch.class::isInstance)).findFirst().orElseThrow();
        wizard.select(withWatches);
        List<WatchDirectory.Suggestion> expected = withWatches.step().actions().stream()
                .filter(Action.Watch.class::isInstance).map(Action.Watch.class::cast)
                .map(w -> new WatchDirectory.Suggestion(w.watchId(), w.on().name())).distinct().toList();
        assertThat(offered).last().isEqualTo(expected);

        StepItem awsOnly = wizard.steps().stream().filter(s -> !s.step().appliesTo(Backend.LOCAL)).findFirst().orElseThrow();
        wizard.select(awsOnly);
        assertThat(offered).last().as("a step that does not run here offers nothing").isEqualTo(List.of());
    }

    @Test
    void foldsRunsInsideASectionAndLeavesASingleStepAlone() {
        Section section = lab.sections().get(0);
        Step template = section.steps().get(0);
        List<StepItem> items = List.of(
                item(section, template, "a", Backend.LOCAL), item(section, template, "b", Backend.AWS),
                item(section, template, "c", Backend.AWS), item(section, template, "d", Backend.LOCAL),
                item(section, template, "e", Backend.AWS));
        List<StepOutline> outline = StepOutline.of(items, Backend.LOCAL);
        assertThat(outline).singleElement().isInstanceOfSatisfying(StepOutline.SectionNode.class, node -> {
            assertThat(node.children()).hasSize(4);
            assertThat(node.children().get(1)).isInstanceOfSatisfying(StepOutline.Fold.class, fold ->
                    assertThat(fold.steps()).extracting(s -> s.step().id()).containsExactly("b", "c"));
            assertThat(node.children().get(3)).isInstanceOf(StepOutline.StepNode.class);
        });
    }

    private static StepItem item(Section section, Step like, String id, Backend only) {
        return new StepItem(section, new Step(id, like.title(), like.body(), java.util.Set.of(only), like.notOnLocal(),
                like.homework(), List.of(), List.of(), List.of(), List.of()));
    }

    private static List<StepItem> flatten(List<StepOutline> nodes) {
        List<StepItem> all = new ArrayList<>();
        for (StepOutline node : nodes) {
            if (node instanceof StepOutline.StepNode step) {
                all.add(step.item());
            } else if (node instanceof StepOutline.SectionNode section) {
                all.addAll(flatten(section.children()));
            } else if (node instanceof StepOutline.Fold fold) {
                all.addAll(flatten(fold.children()));
            }
        }
        return all;
    }

    private static List<StepItem> folded(List<StepOutline> nodes) {
        List<StepItem> all = new ArrayList<>();
        for (StepOutline node : nodes) {
            if (node instanceof StepOutline.Fold fold) {
                all.addAll(fold.steps());
            } else if (node instanceof StepOutline.SectionNode section) {
                all.addAll(folded(section.children()));
            }
        }
        return all;
    }
}
