package io.labbench.labmodel.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code labbench lab validate} and the wizard answer for files that are no lab: too big, too
 * deep, alias bombs, not UTF-8, missing. Each is one error at the line and column where it happens,
 * found in well under the time a real lab takes to load; before, a 50 MB scalar kept the YAML parser
 * busy for minutes and over a gigabyte.
 */
@Timeout(30)
class LabFileLimitsTest {

    private static final String LAB_START = "id: big\nversion: 1\n";

    @Test
    void aFileLargerThanALabNeedsIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path scalar = dir.resolve("scalar.yaml");
        Files.writeString(scalar, LAB_START + "title: {en: \"" + "a".repeat(3 * 1024 * 1024) + "\"}\n");
        assertThat(new LabLoader().load(scalar).errors()).singleElement().satisfies(e -> {
            assertThat(e.format()).startsWith(scalar + ":1:1: the file is 3.0 MB; a lab file may be at most 2.0 MB");
        });

        Path comments = dir.resolve("comments.yaml");
        Files.writeString(comments, ("# " + "c".repeat(98) + "\n").repeat(25_000) + LAB_START);
        assertThat(new LabLoader().load(comments).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("at most 2.0 MB"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDeviceThatNeverEndsIsCutAtTheCap() {
        assertThat(new LabLoader().load(Path.of("/dev/zero")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("larger than 2.0 MB").contains("at most 2.0 MB"));
    }

    @Test
    void aLineLongerThanALabWritesIsRefusedAtItsLine() {
        String text = LAB_START + "title: {en: \"" + "a".repeat(1024 * 1024) + "\"}\n";
        assertThat(new LabLoader().load("long.yaml", text, Optional.empty()).errors()).singleElement().satisfies(e -> {
            assertThat(e.format()).startsWith("long.yaml:3:8193: this line is 1048591 characters long; lab lines are at most 8192");
        });
    }

    @Test
    void textUpToTheCapsParsesAsYaml() {
        // 2 MB in lines of the longest allowed tokens: the YAML parser's cost per token grows with its
        // square, so this is the slowest text the caps let through: seconds at most (one 2 MB token took 13 s)
        String word = "a".repeat(YamlComposition.MAX_LINE_CHARS - 8);
        StringBuilder text = new StringBuilder(LAB_START).append("summary:\n");
        while (text.length() + word.length() + 8 < LabFileText.MAX_BYTES) {
            text.append("  - \"").append(word).append("\"\n");
        }
        LoadResult result = new LabLoader().load("near-cap.yaml", text.toString(), Optional.empty());
        // the lab is incomplete, so it has errors, but none about size or YAML
        assertThat(result.errors()).isNotEmpty()
                .noneSatisfy(e -> assertThat(e.message()).containsAnyOf("MB", "characters long", "YAML"));
    }

    @Test
    void textLargerThanTheCapIsRefused() {
        String text = LAB_START + ("summary: " + "a ".repeat(1000) + "\n").repeat(1100);
        assertThat(new LabLoader().load("big.yaml", text, Optional.empty()).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("at most 2.0 MB"));
    }

    @Test
    void nestingTooDeepIsPlacedAtTheListThatCrossesTheLimit() {
        // the root map and the '{' are levels 1 and 2; the '['s from column 13 on are levels 3, 4, …,
        // so the one at level 51 is the 49th, at column 13 + 48
        String text = LAB_START + "title: {en: " + "[".repeat(60) + "]".repeat(60) + "}\n";
        assertThat(new LabLoader().load("deep.yaml", text, Optional.empty()).errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(13 + YamlComposition.MAX_NESTING - 2);
            assertThat(e.message()).contains("nest deeper than 50 levels");
        });
    }

    @Test
    void anAliasBombIsStoppedAtTheAliasOverTheLimit() {
        StringBuilder text = new StringBuilder(LAB_START).append("a: &a [x, x]\nb: [");
        for (int i = 0; i < 60; i++) {
            text.append(i == 0 ? "" : ", ").append("*a");
        }
        text.append("]\n");
        assertThat(new LabLoader().load("bomb.yaml", text.toString(), Optional.empty()).errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            // the 51st alias: "b: [" is 4 columns, each earlier alias takes 4 ("*a, ")
            assertThat(e.column()).isEqualTo(5 + 50 * 4);
            assertThat(e.message()).contains("more than 50 aliases");
        });
    }

    @Test
    void aByteThatIsNotUtf8IsPlacedAtItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, (LAB_START + "title: {en: \"caf\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new LabLoader().load(latin1).errors()).singleElement().satisfies(e -> {
            assertThat(e.format()).startsWith(latin1 + ":3:17: not UTF-8: byte 0xE9 at offset 35");
            assertThat(e.message()).contains("save the file as UTF-8");
        });
        Path korean = dir.resolve("ok.yaml");
        Files.writeString(korean, LAB_START + "title: {ko: \"개념\"}\n");
        assertThat(new LabLoader().load(korean).errors()).noneSatisfy(e -> assertThat(e.message()).contains("UTF-8"));
    }

    @Test
    void missingFoldersAndUnreadableFilesSayWhich(@TempDir Path dir) {
        assertThat(new LabLoader().load(dir.resolve("nope.yaml")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("not found: there is no file at " + dir.resolve("nope.yaml")));
        assertThat(new LabLoader().load(dir).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("this is a folder, not a lab file"));
        // root reads any file, so the refusal a learner meets is checked on the exception it comes from
        Path locked = dir.resolve("locked.yaml");
        assertThat(LabFileText.whyUnreadable(new AccessDeniedException(locked.toString()), locked))
                .startsWith("permission denied").contains("ls -l " + locked);
    }
}
