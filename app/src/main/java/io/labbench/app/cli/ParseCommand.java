package io.labbench.app.cli;

import io.labbench.netparse.Diagnostic;
import io.labbench.netparse.InputFit;
import io.labbench.netparse.NetParsers;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.json.ParseResultJson;
import io.labbench.netparse.snapshot.Column;
import io.labbench.netparse.snapshot.Row;
import io.labbench.netparse.snapshot.Snapshot;
import io.labbench.netparse.snapshot.SnapshotDiff;
import io.labbench.netparse.snapshot.SnapshotDiffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labbench parse KIND FILE [--json] [--table T]} and {@code labbench parse diff KIND OLD NEW [--json] [--table T]}.
 * {@code --table} says which iptables table a listing came from ({@code iptables -t nat -L CHAIN | labbench parse
 * iptables-list - --table nat}): the listing does not print it, and one user chain gives no clue.
 * Exit codes, for scripts: 0 parsed (diagnostics, if any, on stderr as FILE:LINE: message); 1 the file
 * does not look like KIND's output (nothing could be read, or most of its first lines could not: see
 * {@link InputFit}), and then nothing is printed on stdout; 2 wrong usage, or the file cannot be read or
 * is larger than {@link #MAX_INPUT_BYTES}.
 */
@Command(name = "parse",
        description = {"Parse saved command output (ip, route, iptables, conntrack, kubectl).",
                "KIND: ip-link, ip-addr, ip-route, ip-rule, route-n, iptables-list, iptables-rules, conntrack,"
                        + " kubectl-table, watch-screen, auto. FILE '-' reads standard input.",
                "Exit: 0 parsed, 1 the file does not look like KIND's output, 2 bad usage, unreadable or too large a file."},
        mixinStandardHelpOptions = true,
        subcommands = ParseCommand.Diff.class)
public final class ParseCommand implements Callable<Integer> {
    static final int PARSED = 0;
    static final int NOTHING_READ = 1;
    static final int USAGE = 2;

    /**
     * The most {@code parse} reads: 32 MiB. An {@code iptables-save} of a node with thousands of Services
     * is a few MB; a multi-GB file or {@code /dev/zero} used to end in OutOfMemoryError.
     */
    static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "What printed the file, or auto.")
    String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The saved output; '-' for stdin.")
    String file;

    @Option(names = "--json", description = "Print one JSON object: kind, diagnostics and the parsed data.")
    boolean json;

    @Option(names = "--table", paramLabel = "TABLE", description = TABLE_HELP)
    String table;

    static final String TABLE_HELP = "The iptables table the output came from (filter, nat, mangle, raw, security),"
            + " as the command's -t said: iptables -L and -S do not print it. A '*table' line in the output wins.";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (kindName == null || file == null) {
            err.println("labbench parse: expected KIND and FILE, e.g. 'labbench parse iptables-list saved.txt --json'");
            return USAGE;
        }
        Optional<ParserKind> kind = kind(kindName, err);
        Optional<ParseHints> hints = hints(table, err);
        Optional<String> text = read(file, err);
        if (kind.isEmpty() || hints.isEmpty() || text.isEmpty()) {
            return USAGE;
        }
        ParseResult result = NetParsers.parse(kind.get(), text.get(), hints.get());
        Snapshot snapshot = result.toSnapshot(Instant.now());
        if (!fits(file, text.get(), result, snapshot, err)) {
            // one line that says what did not fit, instead of a diagnostic for every line of unrelated text
            err.flush();
            return NOTHING_READ;
        }
        printDiagnostics(file, result.diagnostics(), err);
        if (json) {
            out.println(ParseResultJson.toJson(result));
        } else {
            printTable(result, snapshot, out);
        }
        out.flush();
        err.flush();
        return PARSED;
    }

    /** Whether {@code text} reads as the kind; when not, says so on {@code err}. */
    static boolean fits(String file, String text, ParseResult result, Snapshot snapshot, PrintWriter err) {
        Optional<InputFit.Misfit> misfit = InputFit.judge(text, result.diagnostics(), snapshot.rows().size());
        misfit.ifPresent(m -> err.println(misfitMessage(file, result.kind(), snapshot.rows().size(), m)));
        return misfit.isEmpty();
    }

    /** Which line did not fit, and what to try. */
    static String misfitMessage(String file, ParserKind kind, int rows, InputFit.Misfit misfit) {
        String what = rows == 0
                ? "nothing in " + displayName(file) + " could be read as " + kind.cliName()
                : displayName(file) + " does not look like " + kind.cliName() + " output: " + misfit.unreadable() + " of its first "
                        + misfit.considered() + " lines could not be read, so its " + rows + (rows == 1 ? " row is" : " rows are")
                        + " likely accidental";
        return "labbench parse: " + what + "; the first line that does not fit is line " + misfit.line() + ": "
                + misfit.message() + ". Check KIND (or try 'auto').";
    }

    static Optional<ParserKind> kind(String name, PrintWriter err) {
        Optional<ParserKind> kind = ParserKind.fromCliName(name);
        if (kind.isEmpty()) {
            err.println("labbench parse: unknown KIND '" + name + "'; expected one of "
                    + Arrays.stream(ParserKind.values()).map(ParserKind::cliName).collect(Collectors.joining(", ")));
        }
        return kind;
    }

    /** The hints {@code --table} gives; empty (after saying why) when it names no iptables table. */
    static Optional<ParseHints> hints(String table, PrintWriter err) {
        if (table == null) {
            return Optional.of(ParseHints.NONE);
        }
        if (!ParseHints.IPTABLES_TABLES.contains(table)) {
            err.println("labbench parse: unknown --table '" + table + "'; expected one of filter, nat, mangle, raw, security");
            return Optional.empty();
        }
        return Optional.of(ParseHints.iptablesTable(table));
    }

    /**
     * The file's text, at most {@link #MAX_INPUT_BYTES}: a regular file's size is checked before reading,
     * and anything else (stdin, a pipe, {@code <(ip route)}, a device) is read up to the cap and refused past it.
     */
    static Optional<String> read(String file, PrintWriter err) {
        try {
            if ("-".equals(file)) {
                return capped(System.in, "standard input", err);
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                err.println("labbench parse: " + file + " is a folder; give the path of a file of saved output");
                return Optional.empty();
            }
            if (!Files.exists(path)) {
                err.println("labbench parse: " + file + ": not found; give the path of saved output (or '-' for stdin)");
                return Optional.empty();
            }
            if (Files.isRegularFile(path) && Files.size(path) > MAX_INPUT_BYTES) {
                err.println("labbench parse: " + file + " is " + megabytes(Files.size(path)) + "; parse reads at most "
                        + megabytes(MAX_INPUT_BYTES) + ". Cut out the part you need first (e.g. grep or head -c).");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(path)) {
                return capped(in, file, err);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            err.println("labbench parse: " + file + ": permission denied; check its owner and mode (ls -l " + file + ")");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            err.println("labbench parse: cannot read " + file + ": " + e.getMessage() + "; check the path and permissions");
            return Optional.empty();
        }
    }

    private static Optional<String> capped(InputStream in, String name, PrintWriter err) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            err.println("labbench parse: " + name + " is larger than " + megabytes(MAX_INPUT_BYTES)
                    + ", the most parse reads. Cut out the part you need first (e.g. grep or head -c).");
            return Optional.empty();
        }
        // Malformed UTF-8 becomes U+FFFD rather than an error: saved terminal output is often mixed.
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

    static String displayName(String file) {
        return "-".equals(file) ? "<stdin>" : file;
    }

    static void printDiagnostics(String file, List<Diagnostic> diagnostics, PrintWriter err) {
        String name = displayName(file);
        for (Diagnostic d : diagnostics) {
            err.println(name + ":" + d.line() + ": " + d.message());
        }
    }

    /** Plain text: the snapshot's rows under the columns that hold anything, aligned. */
    static void printTable(ParseResult result, Snapshot snapshot, PrintWriter out) {
        out.println("# " + result.kind().cliName() + ": " + snapshot.rows().size() + " rows, "
                + result.diagnostics().size() + " diagnostics");
        List<Column> used = new ArrayList<>();
        for (Column c : snapshot.columns()) {
            if (snapshot.rows().stream().anyMatch(r -> !r.cell(c.name()).isEmpty())) {
                used.add(c);
            }
        }
        int[] widths = new int[used.size()];
        for (int i = 0; i < used.size(); i++) {
            widths[i] = used.get(i).name().length();
            for (Row r : snapshot.rows()) {
                widths[i] = Math.min(60, Math.max(widths[i], r.cell(used.get(i).name()).length()));
            }
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < used.size(); i++) {
            pad(header, used.get(i).name().toUpperCase(java.util.Locale.ROOT), widths[i], i == used.size() - 1);
        }
        out.println(header.toString().stripTrailing());
        for (Row r : snapshot.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < used.size(); i++) {
                pad(line, r.cell(used.get(i).name()), widths[i], i == used.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void pad(StringBuilder b, String value, int width, boolean last) {
        b.append(value);
        if (!last) {
            b.append(" ".repeat(Math.max(1, width - value.length() + 2)));
        }
    }

    /** {@code labbench parse diff KIND OLD NEW [--json]}. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compare two saved outputs of the same command: rows added, removed, changed, counter deltas.",
                    "The interval for rates is the files' modification times (0 for stdin)."})
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KIND")
        String kindName;

        @Parameters(index = "1", paramLabel = "OLD")
        String older;

        @Parameters(index = "2", paramLabel = "NEW")
        String newer;

        @Option(names = "--json", description = "Print the diff as one JSON object.")
        boolean json;

        @Option(names = "--table", paramLabel = "TABLE", description = TABLE_HELP)
        String table;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if ("-".equals(older) && "-".equals(newer)) {
                err.println("labbench parse diff: OLD and NEW cannot both be stdin");
                return USAGE;
            }
            Optional<ParserKind> kind = kind(kindName, err);
            Optional<ParseHints> hints = hints(table, err);
            Optional<String> oldText = read(older, err);
            Optional<String> newText = read(newer, err);
            if (kind.isEmpty() || hints.isEmpty() || oldText.isEmpty() || newText.isEmpty()) {
                return USAGE;
            }
            ParseResult oldResult = NetParsers.parse(kind.get(), oldText.get(), hints.get());
            ParseResult newResult = NetParsers.parse(kind.get(), newText.get(), hints.get());
            Snapshot oldSnapshot = oldResult.toSnapshot(modified(older));
            Snapshot newSnapshot = newResult.toSnapshot(modified(newer));
            // both files are judged, so that one run names every file that does not fit
            boolean oldFits = fits(older, oldText.get(), oldResult, oldSnapshot, err);
            boolean newFits = fits(newer, newText.get(), newResult, newSnapshot, err);
            if (!oldFits || !newFits) {
                err.flush();
                return NOTHING_READ;
            }
            printDiagnostics(older, oldResult.diagnostics(), err);
            printDiagnostics(newer, newResult.diagnostics(), err);
            SnapshotDiff diff = SnapshotDiffer.diff(oldSnapshot, newSnapshot);
            if (json) {
                out.println(ParseResultJson.toJson(diff));
            } else {
                diff.added().forEach(r -> out.println("+ " + r.key()));
                diff.removed().forEach(r -> out.println("- " + r.key()));
                diff.changed().forEach(c -> {
                    out.println("~ " + c.key());
                    c.cells().forEach(cc -> out.println("    " + cc.column() + ": " + cc.oldValue() + " -> " + cc.newValue()));
                    c.counters().stream().filter(d -> d.delta() != 0 || d.reset()).forEach(d -> out.println("    "
                            + d.column() + ": +" + d.delta() + (d.reset() ? " (reset)" : "")
                            + (d.approximate() ? " (approximate)" : "")));
                });
            }
            out.flush();
            err.flush();
            return PARSED;
        }

        private static Instant modified(String file) {
            try {
                return "-".equals(file) ? Instant.EPOCH : Files.getLastModifiedTime(Path.of(file)).toInstant();
            } catch (IOException e) {
                return Instant.EPOCH;
            }
        }
    }
}
