package io.labbench.labmodel.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.labmodel.model.Action;
import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Check;
import io.labbench.labmodel.model.Extraction;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.ParsedAssertion;
import io.labbench.labmodel.model.Step;
import io.labbench.netparse.ParserKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLoaderTest {
    private LabFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new LabFixture();
    }

    @Test
    void loadsEveryPartOfAValidLab() {
        LoadResult result = new LabLoader().load(fixture.file);

        assertThat(result.errors()).isEmpty();
        Lab lab = result.lab().orElseThrow();
        assertThat(lab.id()).isEqualTo("sample-lab");
        assertThat(lab.backends()).containsExactlyInAnyOrder(Backend.LOCAL, Backend.AWS);
        assertThat(lab.variables()).extracting(v -> v.name()).containsExactly("GREETING", "TOKEN");
        assertThat(lab.variable("TOKEN").orElseThrow().secret()).isTrue();
        Step greet = lab.step("greet").orElseThrow();
        assertThat(greet.body().en()).contains("Say hello");
        assertThat(greet.actions()).hasSize(4);
        Action.Run run = (Action.Run) greet.actions().get(0);
        assertThat(run.command()).isEqualTo("echo $GREETING world");
        assertThat(run.on().name()).isEqualTo("local");
        assertThat(run.enter()).isTrue();
        assertThat(greet.actions().get(1)).isEqualTo(new Action.Watch("routes", new io.labbench.labmodel.model.Target("worker1")));
        assertThat(((Action.Apply) greet.actions().get(2)).on().name()).isEqualTo("kubectl");
        assertThat(greet.captures().get(0).extraction()).isInstanceOf(Extraction.Regex.class);
        assertThat(greet.captures().get(1).extraction()).isInstanceOf(Extraction.Json.class);
        Check.Parsed parsed = (Check.Parsed) greet.checks().get(1).kind();
        assertThat(parsed.parser()).isEqualTo(ParserKind.IP_ROUTE);
        assertThat(parsed.assertion()).isEqualTo(new ParsedAssertion.RowMatches(
                java.util.Map.of("dev", "eni.*", "destination", "$NODEIP")));
        Step awsOnly = lab.step("aws-only").orElseThrow();
        assertThat(awsOnly.appliesTo(Backend.LOCAL)).isFalse();
        assertThat(awsOnly.homework()).hasValue(1);
        assertThat(awsOnly.notOnLocal().orElseThrow().en()).contains("NLB");
    }

    @Test
    void unknownKeyIsReportedAtTheKeyWithASuggestion() {
        String yaml = fixture.replace("        title: {ko: \"인사\"", "        tilte: {ko: \"인사\"");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "tilte:");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(at[0]);
            assertThat(e.column()).isEqualTo(at[1]);
            assertThat(e.message()).contains("unknown key 'tilte'").contains("did you mean 'title'");
        });
        // the step now lacks its title as well, reported at the step mapping
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("missing key 'title' in a step"));
        assertThat(fixture.load(yaml).lab()).isEmpty();
    }

    @Test
    void missingEnglishTextIsReportedWhereTheTextStarts() {
        String yaml = fixture.replace("{ko: \"준비\", en: \"Setup\"}", "{ko: \"준비\"}");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "{ko: \"준비\"}");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(at[0]);
            assertThat(e.column()).isEqualTo(at[1]);
            assertThat(e.message()).contains("missing key 'en'").contains("English");
        });
    }

    @Test
    void unknownTargetNamesTheAllowedOnes() {
        String yaml = fixture.replace("on: local\n            why", "on: worker3\n            why");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "worker3");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(new int[] {e.line(), e.column()}).containsExactly(at);
            assertThat(e.message()).contains("unknown target 'worker3'").contains("kops-ec2").contains("pod:NAME");
        });
    }

    @Test
    void duplicateStepIdPointsAtTheSecondAndNamesTheFirstLine() {
        String yaml = fixture.replace("- id: aws-only", "- id: greet");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] second = LabFixture.position(yaml, "id: greet\n        title: {ko: \"AWS");
        int[] first = LabFixture.position(yaml, "id: greet");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(second[0]);
            assertThat(e.column()).isEqualTo(second[1] + "id: ".length());
            assertThat(e.message()).contains("duplicate step id 'greet'").contains("first at line " + first[0]);
        });
    }

    @Test
    void badRegexPointsAtTheBrokenCharacter() {
        String yaml = fixture.replace("regex: \"inet (\\\\d+", "regex: \"inet ((\\\\d+");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] value = LabFixture.position(yaml, "\"inet ((");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(value[0]);
            assertThat(e.message()).contains("bad regex").contains("Unclosed group");
            assertThat(e.column()).isGreaterThanOrEqualTo(value[1]);
        });
    }

    @Test
    void variableUsedBeforeTheStepThatCapturesItIsAnError() {
        // Move the NODEIP capture's use into a check of an earlier... simplest: use $PHASE2 captured later.
        String yaml = fixture.replace("run: \"echo $GREETING world\"", "run: \"echo $LATER world\"")
                + "      - id: later\n        title: {ko: \"나중\", en: \"Later\"}\n        body: {ko: \"본문\", en: \"Body\"}\n"
                + "        backends: [aws]\n        notOnLocal: {ko: \"설명\", en: \"Explained\"}\n"
                + "        captures:\n          - name: LATER\n            from: {run: \"echo x\", on: local}\n            regex: \"x\"\n";

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "\"echo $LATER");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(at[0]);
            assertThat(e.column()).isEqualTo(at[1] + 1 + "echo ".length());
            assertThat(e.message()).contains("$LATER").contains("later step 'later'");
        });
    }

    @Test
    void undefinedVariableInAnExpectationIsAnErrorButShellVariablesInCommandsAreNot() {
        String yaml = fixture.replace("expect: {equals: \"$GREETING\"}", "expect: {equals: \"$GRETING\"}")
                .replace("echo $GREETING world", "echo $HOME world");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "\"$GRETING\"");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(new int[] {e.line(), e.column()}).containsExactly(at[0], at[1] + 1);
            assertThat(e.message()).contains("undefined variable $GRETING");
        });
    }

    @Test
    void unknownParserKindListsTheKnownOnes() {
        String yaml = fixture.replace("parser: ip-route", "parser: ip-routes");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "ip-routes");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(new int[] {e.line(), e.column()}).containsExactly(at);
            assertThat(e.message()).contains("unknown parser kind 'ip-routes'").contains("ip-route,").contains("kubectl-table");
        });
    }

    @Test
    void actionWithTwoKindsAndMissingManifestAreBothReported() {
        String yaml = fixture.replace("- watch: routes", "- watch: routes\n            note: {ko: \"a\", en: \"b\"}")
                .replace("apply: manifests/two-pods.yaml", "apply: manifests/nope.yaml");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] watch = LabFixture.position(yaml, "watch: routes");
        int[] apply = LabFixture.position(yaml, "manifests/nope.yaml");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).line()).isEqualTo(watch[0]);
        assertThat(errors.get(0).column()).isEqualTo(watch[1]);
        assertThat(errors.get(0).message()).contains("exactly one of").contains("watch and note");
        assertThat(new int[] {errors.get(1).line(), errors.get(1).column()}).containsExactly(apply);
        assertThat(errors.get(1).message()).contains("does not exist");
    }

    @Test
    void awsOnlyStepWithoutNotOnLocalIsAnError() {
        String yaml = fixture.replace("        notOnLocal: {ko: \"AWS에서는 NLB가 보입니다\", en: \"On AWS you would see an NLB\"}\n", "");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "backends: [aws]");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(new int[] {e.line(), e.column()}).containsExactly(at);
            assertThat(e.message()).contains("notOnLocal");
        });
    }

    @Test
    void yamlSyntaxErrorHasItsLineAndColumn() {
        String yaml = fixture.replace("title: {ko: \"준비\", en: \"Setup\"}", "title: {ko: \"준비\", en: \"Setup\"");

        List<LabError> errors = fixture.load(yaml).errors();

        int[] at = LabFixture.position(yaml, "title: {ko: \"준비\"");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("YAML syntax");
            assertThat(e.line()).isGreaterThanOrEqualTo(at[0]).isLessThanOrEqualTo(at[0] + 1);
        });
    }

    @Test
    void reportsEveryErrorInOnePassSortedByPosition() {
        String yaml = fixture.replace("id: sample-lab", "id: Sample Lab")
                .replace("version: 1", "version: 2")
                .replace("parser: ip-route", "parser: nope")
                .replace("jsonPath: \"$.status.phase\"", "jsonPath: \"status.phase\"")
                .replace("enter", "enter");

        List<LabError> errors = fixture.load(yaml).errors();

        assertThat(errors).extracting(LabError::message).hasSize(4)
                .anySatisfy(m -> assertThat(m).contains("not a valid lab id"))
                .anySatisfy(m -> assertThat(m).contains("version between 1 and 1"))
                .anySatisfy(m -> assertThat(m).contains("unknown parser kind 'nope'"))
                .anySatisfy(m -> assertThat(m).contains("bad JSON path"));
        assertThat(errors).isSortedAccordingTo(java.util.Comparator.comparingInt(LabError::line));
        assertThat(errors.get(0).format()).matches("lab\\.yaml:1:5: .*");
    }

    @Test
    void unreadableAndEmptyFilesAreErrorsNotExceptions(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThat(new LabLoader().load(empty).errors()).singleElement()
                .satisfies(e -> assertThat(e.format()).contains("empty.yaml:1:1: the file is empty"));
        assertThat(new LabLoader().load(dir.resolve("missing.yaml")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("not found"));
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThat(new LabLoader().load(list).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("expected a lab").contains("found a list"));
    }
}
