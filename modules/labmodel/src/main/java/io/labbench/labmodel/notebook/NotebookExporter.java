package io.labbench.labmodel.notebook;

import io.labbench.labmodel.engine.CheckRecord;
import io.labbench.labmodel.engine.Evidence;
import io.labbench.labmodel.engine.LabEngine;
import io.labbench.labmodel.engine.StepProgress;
import io.labbench.labmodel.eval.Substitution;
import io.labbench.labmodel.markdown.MarkdownHtml;
import io.labbench.labmodel.model.Action;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Language;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.VariableDecl;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes {@code notebook.md} and {@code notebook.html} (plus the evidence images) for the steps the
 * learner finished or collected evidence for. Every text passes through {@code masker} (the sessions'
 * secret masker in the app) after the values of the lab's secret variables were replaced.
 */
public final class NotebookExporter {
    private final UnaryOperator<String> masker;

    public NotebookExporter(UnaryOperator<String> masker) {
        this.masker = masker;
    }

    public NotebookFiles export(LabEngine engine, Language language, Path workspaceDir, Path outDir) throws IOException {
        Lab lab = engine.lab();
        Files.createDirectories(outDir);
        Map<String, String> variables = engine.variables();
        UnaryOperator<String> mask = text -> masker.apply(maskSecretValues(text, lab, variables));
        StringBuilder md = new StringBuilder();
        StringBuilder html = new StringBuilder();
        String title = lab.title().in(language);
        md.append("# ").append(mask.apply(title)).append("\n\n");
        html.append("<!DOCTYPE html>\n<html lang=\"").append(language == Language.KO ? "ko" : "en")
                .append("\"><head><meta charset=\"utf-8\"><title>").append(MarkdownHtml.escape(mask.apply(title)))
                .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
                        + "pre{background:#f4f4f4;padding:.6em;overflow-x:auto}.pass{color:#176f2c}.fail{color:#b3261e}"
                        + "img{max-width:100%;border:1px solid #ccc}</style></head><body>\n<h1>")
                .append(MarkdownHtml.escape(mask.apply(title))).append("</h1>\n");
        List<Path> images = new ArrayList<>();
        int steps = 0;
        for (Section section : lab.sections()) {
            List<Step> included = section.steps().stream().filter(s -> included(engine.progress(s.id()))).toList();
            if (included.isEmpty()) {
                continue;
            }
            String sectionTitle = section.id() + " " + section.title().in(language);
            md.append("## ").append(mask.apply(sectionTitle)).append("\n\n");
            html.append("<h2>").append(MarkdownHtml.escape(mask.apply(sectionTitle))).append("</h2>\n");
            for (Step step : included) {
                steps++;
                writeStep(engine, step, language, mask, workspaceDir, outDir, md, html, images);
            }
        }
        html.append("</body></html>\n");
        Path mdFile = outDir.resolve("notebook.md");
        Path htmlFile = outDir.resolve("notebook.html");
        // the workspace's own files: whole or not at all, and the learner's alone (0600), like the rest
        AtomicFileWriter.writeString(mdFile, md.toString());
        AtomicFileWriter.writeString(htmlFile, html.toString());
        return new NotebookFiles(mdFile, htmlFile, images, steps);
    }

    private static boolean included(StepProgress progress) {
        return progress.status().finished() || !progress.evidence().isEmpty();
    }

    private void writeStep(LabEngine engine, Step step, Language language, UnaryOperator<String> mask, Path workspaceDir,
                           Path outDir, StringBuilder md, StringBuilder html, List<Path> images) throws IOException {
        StepProgress progress = engine.progress(step.id());
        String heading = step.title().in(language) + (step.homework().isPresent()
                ? (language == Language.KO ? " (과제 " : " (homework ") + step.homework().getAsInt() + ")" : "");
        md.append("### ").append(mask.apply(heading)).append("\n\n*").append(progress.status().name().toLowerCase().replace('_', ' '))
                .append("*\n\n").append(mask.apply(step.body().in(language)).strip()).append("\n\n");
        html.append("<h3>").append(MarkdownHtml.escape(mask.apply(heading))).append("</h3>\n<p><em>")
                .append(progress.status().name().toLowerCase().replace('_', ' ')).append("</em></p>\n")
                .append(MarkdownHtml.render(mask.apply(step.body().in(language))));
        List<String> commands = new ArrayList<>();
        for (Action action : step.actions()) {
            if (action instanceof Action.Run run) {
                Substitution s = engine.substitute(run.command());
                String text = s instanceof Substitution.Done done ? done.text() : run.command();
                commands.add("[" + run.on() + "] " + mask.apply(text));
            }
        }
        if (!commands.isEmpty()) {
            md.append("```bash\n").append(String.join("\n", commands)).append("\n```\n\n");
            html.append("<pre><code class=\"language-bash\">").append(MarkdownHtml.escape(String.join("\n", commands)))
                    .append("</code></pre>\n");
        }
        for (CheckRecord check : progress.checks()) {
            if (check.index() >= step.checks().size()) {
                continue;
            }
            String name = step.checks().get(check.index()).name().in(language);
            String line = (check.passed() ? "PASS" : "FAIL") + " " + name + ": " + check.why();
            md.append("- ").append(mask.apply(line)).append('\n');
            html.append("<p class=\"").append(check.passed() ? "pass" : "fail").append("\">")
                    .append(MarkdownHtml.escape(mask.apply(line))).append("</p>\n");
        }
        if (!progress.checks().isEmpty()) {
            md.append('\n');
        }
        for (Evidence evidence : progress.evidence()) {
            md.append("**").append(mask.apply(evidence.title())).append("**\n\n");
            html.append("<h4>").append(MarkdownHtml.escape(mask.apply(evidence.title()))).append("</h4>\n");
            if (Evidence.IMAGE.equals(evidence.kind()) && !evidence.file().isEmpty()) {
                Path source = workspaceDir.resolve(evidence.file()).normalize();
                if (Files.isRegularFile(source) && source.startsWith(workspaceDir.normalize())) {
                    Path target = outDir.resolve(source.getFileName());
                    // whole or not at all, like the notebook beside it (a re-export replaces the old picture)
                    AtomicFileWriter.write(target, out -> Files.copy(source, out));
                    images.add(target);
                    md.append("![").append(mask.apply(evidence.title())).append("](").append(target.getFileName()).append(")\n\n");
                    html.append("<img src=\"").append(MarkdownHtml.escape(target.getFileName().toString())).append("\" alt=\"")
                            .append(MarkdownHtml.escape(mask.apply(evidence.title()))).append("\">\n");
                }
            } else {
                String text = mask.apply(evidence.text());
                md.append("```\n").append(text.strip()).append("\n```\n\n");
                html.append("<pre>").append(MarkdownHtml.escape(text.strip())).append("</pre>\n");
            }
        }
    }

    private static String maskSecretValues(String text, Lab lab, Map<String, String> values) {
        String masked = text;
        for (VariableDecl v : lab.variables()) {
            String value = values.getOrDefault(v.name(), "");
            if (v.secret() && value.length() >= 3) {
                masked = masked.replace(value, "[masked " + v.name() + "]");
            }
        }
        return masked;
    }
}
