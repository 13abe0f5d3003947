package io.labbench.labmodel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.labmodel.engine.OutputParser;
import io.labbench.labmodel.model.Check;
import io.labbench.labmodel.model.Expectation;
import io.labbench.labmodel.model.ParsedAssertion;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a check's command and judges the output. {@code counterIncreased} compares with a baseline the
 * engine took when the step started; without one it cannot pass and says so.
 */
public final class CheckEvaluator {
    private final SourceRunner runner;
    private final OutputParser parser;

    public CheckEvaluator(SourceRunner runner, OutputParser parser) {
        this.runner = runner;
        this.parser = parser;
    }

    public CheckOutcome evaluate(Check check, Map<String, String> values, OptionalLong baseline) {
        SourceOutput output = runner.run(check.kind().source(), values);
        if (output instanceof SourceOutput.Failed failed) {
            return CheckOutcome.fail(failed.why());
        }
        SourceOutput.Printed printed = (SourceOutput.Printed) output;
        if (check.kind() instanceof Check.Output out) {
            return judgeOutput(out.expect(), printed, values);
        }
        Check.Parsed parsed = (Check.Parsed) check.kind();
        if (printed.exitCode() != 0) {
            return CheckOutcome.fail("'" + printed.command() + "' exited with " + printed.exitCode()
                    + CaptureEvaluator.firstLine(printed.stderr()));
        }
        return judgeParsed(parsed, parser.parse(parsed.parser(), printed.stdout(), printed.command()), values, baseline);
    }

    /** Reads the counter a {@code counterIncreased} check watches, for the baseline. */
    public CounterReading readCounter(Check.Parsed parsed, ParsedAssertion.CounterIncreased counter, Map<String, String> values) {
        SourceOutput output = runner.run(parsed.source(), values);
        if (output instanceof SourceOutput.Failed failed) {
            return new CounterReading.Unreadable(failed.why());
        }
        SourceOutput.Printed printed = (SourceOutput.Printed) output;
        if (printed.exitCode() != 0) {
            return new CounterReading.Unreadable("'" + printed.command() + "' exited with " + printed.exitCode()
                    + CaptureEvaluator.firstLine(printed.stderr()));
        }
        return read(counter, parser.parse(parsed.parser(), printed.stdout(), printed.command()), values);
    }

    private CounterReading read(ParsedAssertion.CounterIncreased counter, Snapshot snapshot, Map<String, String> values) {
        Optional<RowFilter> filter = filter(counter.where(), values);
        if (filter.isEmpty()) {
            return new CounterReading.Unreadable(missing(counter.where(), values));
        }
        List<Row> rows = filter.get().select(snapshot.rows());
        if (rows.isEmpty()) {
            return new CounterReading.Unreadable("no parsed row has " + filter.get().describe() + " (" + snapshot.rows().size()
                    + " rows read)");
        }
        OptionalLong sum = Counters.sum(rows, counter.column());
        if (sum.isEmpty()) {
            return new CounterReading.Unreadable("the matching rows have no counter in column '" + counter.column() + "'");
        }
        return new CounterReading.Value(sum.getAsLong(), rows.size());
    }

    private CheckOutcome judgeOutput(Expectation expect, SourceOutput.Printed printed, Map<String, String> values) {
        int wantedExit = expect.exitCode().orElse(0);
        if (printed.exitCode() != wantedExit) {
            return CheckOutcome.fail("'" + printed.command() + "' exited with " + printed.exitCode() + ", expected "
                    + wantedExit + CaptureEvaluator.firstLine(printed.stderr()));
        }
        String out = printed.stdout().strip();
        if (expect instanceof Expectation.ExitOnly) {
            return CheckOutcome.pass("'" + printed.command() + "' exited with " + wantedExit);
        }
        if (expect instanceof Expectation.Equals equals) {
            Substitution s = runner.substituter().substitute(equals.value(), values);
            if (s instanceof Substitution.Missing m) {
                return CheckOutcome.fail(m.message());
            }
            String wanted = ((Substitution.Done) s).text().strip();
            return out.equals(wanted) ? CheckOutcome.pass("output is \"" + wanted + "\"")
                    : CheckOutcome.fail("expected \"" + wanted + "\", got " + quoteShort(out));
        }
        if (expect instanceof Expectation.Matches matches) {
            return judgeRegex(matches.regex(), printed.stdout(), "the output", values);
        }
        Expectation.JsonValue json = (Expectation.JsonValue) expect;
        Optional<JsonNode> tree = CaptureEvaluator.readJson(printed.stdout());
        if (tree.isEmpty()) {
            return CheckOutcome.fail("the output is not JSON" + CaptureEvaluator.excerpt(printed.stdout()));
        }
        Optional<JsonNode> node = json.path().select(tree.get());
        if (node.isEmpty()) {
            return CheckOutcome.fail("nothing at " + json.path().text() + " in the output");
        }
        String value = JsonPathText.of(node.get());
        if (json.equals().isPresent()) {
            Substitution s = runner.substituter().substitute(json.equals().get(), values);
            if (s instanceof Substitution.Missing m) {
                return CheckOutcome.fail(m.message());
            }
            String wanted = ((Substitution.Done) s).text();
            if (!value.equals(wanted)) {
                return CheckOutcome.fail(json.path().text() + " is " + quoteShort(value) + ", expected \"" + wanted + "\"");
            }
        }
        if (json.regex().isPresent()) {
            CheckOutcome regex = judgeRegex(json.regex().get(), value, json.path().text(), values);
            if (!regex.passed()) {
                return regex;
            }
        }
        return CheckOutcome.pass(json.path().text() + " is " + quoteShort(value));
    }

    private CheckOutcome judgeRegex(String regex, String text, String what, Map<String, String> values) {
        Substitution s = runner.substituter().substituteInRegex(regex, values);
        if (s instanceof Substitution.Missing m) {
            return CheckOutcome.fail(m.message());
        }
        Pattern pattern = Pattern.compile(((Substitution.Done) s).text());
        return pattern.matcher(text).find() ? CheckOutcome.pass(what + " matches /" + regex + "/")
                : CheckOutcome.fail(what + " does not match /" + regex + "/" + CaptureEvaluator.excerpt(text));
    }

    private CheckOutcome judgeParsed(Check.Parsed parsed, Snapshot snapshot, Map<String, String> values, OptionalLong baseline) {
        ParsedAssertion assertion = parsed.assertion();
        if (assertion instanceof ParsedAssertion.RowMatches rowMatches) {
            Optional<RowFilter> filter = filter(rowMatches.cells(), values);
            if (filter.isEmpty()) {
                return CheckOutcome.fail(missing(rowMatches.cells(), values));
            }
            Optional<Row> row = snapshot.rows().stream().filter(filter.get()::matches).findFirst();
            return row.map(r -> CheckOutcome.pass("found " + describe(r, rowMatches.cells().keySet())))
                    .orElse(CheckOutcome.fail("no row has " + filter.get().describe() + "; " + snapshot.rows().size()
                            + " rows read" + sample(snapshot, rowMatches.cells().keySet())));
        }
        if (assertion instanceof ParsedAssertion.RowCount count) {
            Optional<RowFilter> filter = filter(count.where(), values);
            if (filter.isEmpty()) {
                return CheckOutcome.fail(missing(count.where(), values));
            }
            long n = filter.get().select(snapshot.rows()).size();
            String where = count.where().isEmpty() ? "rows" : "rows with " + filter.get().describe();
            if (count.equals().isPresent() && n != count.equals().getAsLong()) {
                return CheckOutcome.fail(n + " " + where + ", expected " + count.equals().getAsLong());
            }
            if (count.atLeast().isPresent() && n < count.atLeast().getAsLong()) {
                return CheckOutcome.fail(n + " " + where + ", expected at least " + count.atLeast().getAsLong());
            }
            return CheckOutcome.pass(n + " " + where);
        }
        ParsedAssertion.CounterIncreased counter = (ParsedAssertion.CounterIncreased) assertion;
        CounterReading reading = read(counter, snapshot, values);
        if (reading instanceof CounterReading.Unreadable u) {
            return CheckOutcome.fail(u.why());
        }
        long now = ((CounterReading.Value) reading).total();
        if (baseline.isEmpty()) {
            return CheckOutcome.fail(counter.column() + " is " + now + " but there is no baseline from when the step "
                    + "started; the baseline is taken now, run the step's commands and check again");
        }
        long before = baseline.getAsLong();
        return now > before
                ? CheckOutcome.pass(counter.column() + " went from " + before + " to " + now + " (+" + (now - before) + ")")
                : CheckOutcome.fail(counter.column() + " is still " + now + " (was " + before
                        + " when the step started); run the step's traffic and check again");
    }

    private Optional<RowFilter> filter(Map<String, String> conditions, Map<String, String> values) {
        Map<String, String> substituted = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : conditions.entrySet()) {
            Substitution s = runner.substituter().substituteInRegex(e.getValue(), values);
            if (s instanceof Substitution.Missing) {
                return Optional.empty();
            }
            substituted.put(e.getKey(), ((Substitution.Done) s).text());
        }
        return Optional.of(RowFilter.of(substituted));
    }

    private String missing(Map<String, String> conditions, Map<String, String> values) {
        for (String regex : conditions.values()) {
            Substitution s = runner.substituter().substituteInRegex(regex, values);
            if (s instanceof Substitution.Missing m) {
                return m.message();
            }
        }
        return "a variable is missing";
    }

    private static String describe(Row row, java.util.Set<String> columns) {
        return columns.stream().sorted().map(c -> c + "=" + RowFilter.cell(row, c).orElse(""))
                .collect(Collectors.joining(", "));
    }

    private static String sample(Snapshot snapshot, java.util.Set<String> columns) {
        if (snapshot.rows().isEmpty()) {
            return "";
        }
        return ", e.g. " + snapshot.rows().stream().limit(3).map(r -> "[" + describe(r, columns) + "]")
                .collect(Collectors.joining(" "));
    }

    private static String quoteShort(String text) {
        return "\"" + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "\"";
    }
}
