package io.labbench.labmodel.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.labmodel.engine.Evidence;
import io.labbench.labmodel.engine.LabEngine;
import io.labbench.labmodel.engine.NetparseOutputParser;
import io.labbench.labmodel.load.LabLoader;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Language;
import io.labbench.labmodel.testing.BashCommandPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookExporterTest {
    static final String LAB = """
            id: nb
            version: 1
            title: {ko: "노트", en: "Notebook"}
            summary: {ko: "요약", en: "Summary"}
            backends: [local]
            variables:
              - name: TOKEN
                description: {ko: "토큰", en: "token"}
                secret: true
            sections:
              - id: "1"
                title: {ko: "하나", en: "One"}
                steps:
                  - id: done-step
                    title: {ko: "끝난 단계", en: "Finished step"}
                    body: {ko: "본문 `code`", en: "Body with `code`"}
                    homework: 1
                    actions:
                      - run: "curl -H 'X: $TOKEN' http://x"
                        on: local
                    checks:
                      - name: {ko: "확인", en: "prints ok"}
                        run: "echo ok"
                        on: local
                        expect: {equals: "ok"}
                  - id: untouched
                    title: {ko: "안 한 단계", en: "Untouched step"}
                    body: {ko: "본문", en: "Body"}
            """;

    @Test
    void writesFinishedStepsWithEvidenceAndMasksSecrets(@TempDir Path workspace, @TempDir Path out) throws Exception {
        Lab lab = new LabLoader().load("nb.yaml", LAB, Optional.empty()).lab().orElseThrow();
        LabEngine engine = new LabEngine(lab, new BashCommandPort(Map.of()), new NetparseOutputParser(), workspace);
        engine.setVariable("TOKEN", "s3cr3t-value");
        engine.runCheck("done-step", 0);
        Path png = Files.write(workspace.resolve("evidence-1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        engine.addEvidence("done-step", new Evidence(Evidence.TRANSCRIPT, "worker1 transcript",
                "$ echo s3cr3t-value\nAKIAABCDEFGHIJKLMNOP", "", Instant.now()));
        engine.addEvidence("done-step", new Evidence(Evidence.IMAGE, "panes", "", "evidence-1.png", Instant.now()));

        NotebookFiles files = new NotebookExporter(text -> text.replaceAll("AKIA[A-Z0-9]{16}", "[masked aws-access-key-id]"))
                .export(engine, Language.EN, workspace, out);

        String md = Files.readString(files.markdown(), StandardCharsets.UTF_8);
        String html = Files.readString(files.html(), StandardCharsets.UTF_8);
        assertThat(files.steps()).isEqualTo(1);
        assertThat(md).contains("### Finished step (homework 1)", "PASS prints ok: output is \"ok\"",
                "[local] curl -H 'X: [masked TOKEN]' http://x", "worker1 transcript", "![panes](evidence-1.png)",
                "[masked aws-access-key-id]");
        assertThat(md + html).doesNotContain("s3cr3t-value").doesNotContain("AKIAABCDEFGHIJKLMNOP").doesNotContain("Untouched");
        assertThat(html).contains("<code>code</code>", "<img src=\"evidence-1.png\"", "class=\"pass\"");
        assertThat(files.images()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(png)));

        // exporting again over that folder replaces the picture whole, private like the notebook, nothing left beside it
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 2});
        NotebookFiles again = new NotebookExporter(text -> text).export(engine, Language.EN, workspace, out);
        assertThat(Files.readAllBytes(again.images().get(0))).isEqualTo(Files.readAllBytes(png));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(again.images().get(0))))
                .isEqualTo("rw-------");
        try (var listed = Files.list(out)) {
            assertThat(listed.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("evidence-1.png", "notebook.html", "notebook.md");
        }
    }
}
