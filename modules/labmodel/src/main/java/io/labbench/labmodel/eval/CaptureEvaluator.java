package io.labbench.labmodel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labbench.labmodel.engine.OutputParser;
import io.labbench.labmodel.model.Capture;
import io.labbench.labmodel.model.Extraction;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** Runs a capture's command and picks its value out of the output. */
public final class CaptureEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SourceRunner runner;
    private final OutputParser parser;

    public CaptureEvaluator(SourceRunner runner, OutputParser parser) {
        this.runner = runner;
        this.parser = parser;
    }

    public CaptureOutcome evaluate(Capture capture, Map<String, String> values) {
        String name = capture.variable();
        SourceOutput output = runner.run(capture.from(), values);
        if (output instanceof SourceOutput.Failed failed) {
            return new CaptureOutcome.NotCaptured(name, failed.why());
        }
        SourceOutput.Printed printed = (SourceOutput.Printed) output;
        if (printed.exitCode() != 0) {
            return new CaptureOutcome.NotCaptured(name, "'" + printed.command() + "' exited with " + printed.exitCode()
                    + firstLine(printed.stderr()));
        }
        String stdout = printed.stdout();
        Extraction extraction = capture.extraction();
        if (extraction instanceof Extraction.Regex regex) {
            return byRegex(name, regex, stdout);
        }
        if (extraction instanceof Extraction.Json json) {
            return byJson(name, json, stdout);
        }
        return byTable(name, (Extraction.Table) extraction, stdout, printed.command(), values);
    }

    private static CaptureOutcome byRegex(String name, Extraction.Regex regex, String stdout) {
        Matcher m = regex.pattern().matcher(stdout);
        if (!m.find()) {
            return new CaptureOutcome.NotCaptured(name, "no match for /" + regex.pattern().pattern() + "/ in the output"
                    + excerpt(stdout));
        }
        return new CaptureOutcome.Captured(name, group(m).strip());
    }

    private static CaptureOutcome byJson(String name, Extraction.Json json, String stdout) {
        Optional<JsonNode> tree = readJson(stdout);
        if (tree.isEmpty()) {
            return new CaptureOutcome.NotCaptured(name, "the output is not JSON" + excerpt(stdout));
        }
        return json.path().select(tree.get())
                .<CaptureOutcome>map(n -> new CaptureOutcome.Captured(name, JsonPathText.of(n)))
                .orElse(new CaptureOutcome.NotCaptured(name, "nothing at " + json.path().text() + " in the JSON output"));
    }

    private CaptureOutcome byTable(String name, Extraction.Table table, String stdout, String command, Map<String, String> values) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : table.row().entrySet()) {
            Substitution s = runner.substituter().substituteInRegex(e.getValue(), values);
            if (s instanceof Substitution.Missing missing) {
                return new CaptureOutcome.NotCaptured(name, missing.message());
            }
            conditions.put(e.getKey(), ((Substitution.Done) s).text());
        }
        Snapshot snapshot = parser.parse(table.parser(), stdout, command);
        RowFilter filter = RowFilter.of(conditions);
        List<Row> rows = filter.select(snapshot.rows());
        if (rows.isEmpty()) {
            return new CaptureOutcome.NotCaptured(name, "no row with " + filter.describe() + " among "
                    + snapshot.rows().size() + " parsed rows");
        }
        return RowFilter.cell(rows.get(0), table.column())
                .<CaptureOutcome>map(v -> new CaptureOutcome.Captured(name, v))
                .orElse(new CaptureOutcome.NotCaptured(name, "the row has no column '" + table.column()
                        + "'; columns are " + snapshot.columns().stream().map(c -> c.name()).toList()));
    }

    private static String group(Matcher m) {
        if (m.pattern().pattern().contains("(?<value>")) {
            return m.group("value");
        }
        return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    }

    static Optional<JsonNode> readJson(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static String firstLine(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + line;
    }

    static String excerpt(String stdout) {
        String text = stdout.strip();
        if (text.isEmpty()) {
            return " (the command printed nothing)";
        }
        return ": \"" + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "\"";
    }
}
