package io.labbench.labmodel.week2;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.load.LoadResult;
import io.labbench.labmodel.model.Action;
import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped PKOS week-2 lab: it loads without errors, offers every shell command the study runs as a
 * runnable action, has the four homework steps, and explains AWS-only steps on the local backend.
 */
class Week2LabTest {
    static Lab lab;

    @BeforeAll
    static void load() {
        Path file = Path.of(System.getProperty("labbench.assets", "../../assets"), "labs", "pkos-week2.yaml");
        LoadResult result = new LabLoader().load(file);
        assertThat(result.errors()).as("errors in " + file).isEmpty();
        lab = result.lab().orElseThrow();
    }

    static String normalized(String command) {
        return command.strip().replaceAll("\\s+", " ");
    }

    @Test
    void everyCommandTheStudyRunsIsARunnableAction() throws IOException {
        List<String> studyCommands;
        try (InputStream in = Week2LabTest.class.getResourceAsStream("/week2-study-commands.txt")) {
            studyCommands = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Week2LabTest::normalized).toList();
        }
        Set<String> runs = lab.allSteps().stream().flatMap(s -> s.actions().stream())
                .filter(a -> a instanceof Action.Run).map(a -> ((Action.Run) a).command())
                // A heredoc is listed by its first line; the action carries the whole document.
                .flatMap(c -> java.util.stream.Stream.of(normalized(c), normalized(c.lines().findFirst().orElse(""))))
                .collect(Collectors.toSet());

        assertThat(studyCommands).hasSizeGreaterThan(150);
        assertThat(studyCommands.stream().filter(c -> !runs.contains(c)).toList()).as("study commands with no run action").isEmpty();
    }

    @Test
    void hasTheFourHomeworkStepsAndEverySectionOfTheStudy() {
        assertThat(lab.allSteps().stream().filter(s -> s.homework().isPresent()).map(s -> s.homework().getAsInt())
                .collect(Collectors.toSet())).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(lab.sections().stream().map(s -> s.id()).toList())
                .contains("1.2.1", "1.2.2", "1.2.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3");
    }

    @Test
    void awsOnlyStepsSayWhatTheLearnerWouldSee() {
        List<Step> awsOnly = lab.allSteps().stream().filter(s -> !s.appliesTo(Backend.LOCAL)).toList();
        assertThat(awsOnly).isNotEmpty().allSatisfy(s -> assertThat(s.notOnLocal()).as(s.id()).isPresent());
    }
}
