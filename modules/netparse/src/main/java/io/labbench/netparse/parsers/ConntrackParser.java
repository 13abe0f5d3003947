package io.labbench.netparse.parsers;

import io.labbench.netparse.ConntrackResult;
import io.labbench.netparse.model.ConntrackEntry;
import io.labbench.netparse.model.ConntrackTuple;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import io.labbench.netparse.text.Numbers;
import io.labbench.netparse.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads {@code conntrack -L} (also {@code -o extended}, with its leading {@code ipv4 2}): protocol, timeout,
 * optional state, the original tuple, flags in brackets, the reply tuple, then {@code mark=}, {@code zone=},
 * {@code use=}. The first {@code src=} starts the original tuple, the second the reply.
 */
public final class ConntrackParser {
    private static final String EXPECTED =
            "an entry like 'tcp  6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=5000 dport=80 src=... use=1'";

    private ConntrackParser() {
    }

    public static ConntrackResult parse(String text) {
        return parse(InputLines.of(text));
    }

    public static ConntrackResult parse(List<Line> lines) {
        Diagnostics diagnostics = new Diagnostics();
        List<ConntrackEntry> entries = new ArrayList<>();
        Tokens t = new Tokens();
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank() || text.startsWith("conntrack v")) {
                // The summary line conntrack writes to stderr ("N flow entries have been shown") is not an entry.
                continue;
            }
            ConntrackEntry e = readLine(t.of(text));
            if (e == null) {
                diagnostics.unexpected(line.number(), text, EXPECTED);
            } else {
                entries.add(e);
            }
        }
        return new ConntrackResult(entries, diagnostics.list());
    }

    private static ConntrackEntry readLine(Tokens t) {
        int i = 0;
        if (t.is(0, "[NEW]") || t.is(0, "[UPDATE]") || t.is(0, "[DESTROY]")) {
            i++;
        }
        String l3 = "";
        if (t.is(i, "ipv4") || t.is(i, "ipv6")) {
            l3 = t.get(i);
            i += 2;
        }
        String proto = t.get(i);
        if (proto.isEmpty() || proto.indexOf('=') >= 0 || Numbers.isDigits(proto)) {
            return null;
        }
        OptionalInt protoNumber = Numbers.parseInt(t.get(i + 1));
        if (protoNumber.isEmpty()) {
            return null;
        }
        i += 2;
        OptionalLong timeout = Numbers.parseLong(t.get(i));
        if (timeout.isPresent()) {
            i++;
        }
        String state = "";
        if (i < t.size() && t.get(i).indexOf('=') < 0 && !t.get(i).startsWith("[")) {
            state = t.get(i++);
        }
        TupleBuilder original = new TupleBuilder();
        TupleBuilder reply = new TupleBuilder();
        TupleBuilder current = null;
        List<String> flags = new ArrayList<>(2);
        String mark = "";
        OptionalInt zone = OptionalInt.empty();
        OptionalLong use = OptionalLong.empty();
        StringBuilder extra = new StringBuilder();
        for (; i < t.size(); i++) {
            String w = t.get(i);
            if (w.startsWith("[") && w.endsWith("]") && w.length() > 2) {
                flags.add(w.substring(1, w.length() - 1));
                continue;
            }
            int eq = w.indexOf('=');
            if (eq <= 0) {
                appendWord(extra, w);
                continue;
            }
            String key = w.substring(0, eq);
            String value = w.substring(eq + 1);
            if ("src".equals(key)) {
                current = current == null ? original : reply;
                if (current.src != null) {
                    return null;
                }
                current.src = value;
                continue;
            }
            if (current != null && current.set(key, value)) {
                continue;
            }
            switch (key) {
                case "mark" -> mark = value;
                case "zone" -> zone = Numbers.parseInt(value);
                case "use" -> use = Numbers.parseLong(value);
                default -> appendWord(extra, w);
            }
        }
        if (original.src == null || original.dst.isEmpty()) {
            return null;
        }
        return new ConntrackEntry(l3, proto, protoNumber, timeout, state, original.build(), reply.build(), flags, mark,
                zone, use, extra.toString());
    }

    private static void appendWord(StringBuilder b, String w) {
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(w);
    }

    /** One tuple while its words are read. */
    private static final class TupleBuilder {
        String src;
        String dst = "";
        OptionalInt sport = OptionalInt.empty();
        OptionalInt dport = OptionalInt.empty();
        OptionalInt type = OptionalInt.empty();
        OptionalInt code = OptionalInt.empty();
        OptionalInt id = OptionalInt.empty();
        OptionalLong packets = OptionalLong.empty();
        OptionalLong bytes = OptionalLong.empty();

        boolean set(String key, String value) {
            switch (key) {
                case "dst" -> dst = value;
                case "sport" -> sport = Numbers.parseInt(value);
                case "dport" -> dport = Numbers.parseInt(value);
                case "type" -> type = Numbers.parseInt(value);
                case "code" -> code = Numbers.parseInt(value);
                case "id" -> {
                    // "id=" after "use=" is the entry id of "-o id", not the icmp id.
                    if (!dst.isEmpty() && id.isEmpty() && type.isPresent()) {
                        id = Numbers.parseInt(value);
                    } else {
                        return false;
                    }
                }
                case "packets" -> packets = Numbers.parseLong(value);
                case "bytes" -> bytes = Numbers.parseLong(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        ConntrackTuple build() {
            return new ConntrackTuple(src == null ? "" : src, dst, sport, dport, type, code, id, packets, bytes);
        }
    }
}
