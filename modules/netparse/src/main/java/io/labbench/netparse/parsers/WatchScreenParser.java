package io.labbench.netparse.parsers;

import io.labbench.netparse.Diagnostic;
import io.labbench.netparse.ParseHints;
import io.labbench.netparse.ParseResult;
import io.labbench.netparse.ParserKind;
import io.labbench.netparse.WatchScreenResult;
import io.labbench.netparse.model.WatchHeader;
import io.labbench.netparse.model.WatchSection;
import io.labbench.netparse.text.InputLines;
import io.labbench.netparse.text.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a combined watch screen such as
 * {@code watch -d "ip link | egrep 'ens5|eni'; echo; echo '[ROUTE TABLE]'; route -n | grep eni"}: the
 * {@code Every 2.0s: …} header, then parts separated by blank lines or {@code [TITLE]} lines. Each part is
 * read as the kind it looks like; neighbouring parts of the same kind without a title between them are one
 * section (an iptables listing has blank lines between its chains). The header's command names the table of
 * the iptables sections ({@code --table nat}); without a header, the caller's hints do.
 */
public final class WatchScreenParser {
    private WatchScreenParser() {
    }

    public static WatchScreenResult parse(String text) {
        return parse(InputLines.of(text));
    }

    public static WatchScreenResult parse(List<Line> lines) {
        return parse(lines, ParseHints.NONE);
    }

    /** {@code hints} are the screen's command's when the screen has no {@code Every …} header to say it. */
    public static WatchScreenResult parse(List<Line> lines, ParseHints hints) {
        Diagnostics diagnostics = new Diagnostics();
        WatchHeader header = WatchHeader.NONE;
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i < lines.size() && isWatchHeader(lines.get(i).text())) {
            header = readHeader(lines.get(i).text());
            i++;
        }
        List<Part> parts = new ArrayList<>();
        String title = "";
        int start = i;
        for (; i <= lines.size(); i++) {
            boolean end = i == lines.size();
            boolean blank = !end && lines.get(i).isBlank();
            boolean isTitle = !end && isTitle(lines.get(i).text());
            if (end || blank || isTitle) {
                if (i > start) {
                    List<Line> chunk = lines.subList(start, i);
                    parts.add(new Part(title, KindDetector.detectLines(chunk), chunk));
                    title = "";
                }
                if (isTitle) {
                    String t = lines.get(i).text().strip();
                    title = t.substring(1, t.length() - 1).strip();
                }
                start = i + 1;
            }
        }
        // The header is what the screen's own command says; the caller's command may only have printed it (cat).
        ParseHints sectionHints = header.present() ? ParseHints.forCommand(header.command()) : hints;
        List<WatchSection> sections = new ArrayList<>();
        List<Line> merged = new ArrayList<>();
        Part open = null;
        for (Part p : parts) {
            if (open != null && p.title.isEmpty() && (p.kind == open.kind || p.kind == ParserKind.AUTO)) {
                merged.addAll(p.lines);
                continue;
            }
            close(open, merged, sectionHints, sections, diagnostics);
            open = p;
            merged = new ArrayList<>(p.lines);
        }
        close(open, merged, sectionHints, sections, diagnostics);
        return new WatchScreenResult(header, sections, diagnostics.list());
    }

    private static void close(Part open, List<Line> lines, ParseHints hints, List<WatchSection> sections,
                              Diagnostics diagnostics) {
        if (open == null || lines.isEmpty()) {
            return;
        }
        int first = lines.get(0).number();
        int last = lines.get(lines.size() - 1).number();
        if (open.kind == ParserKind.AUTO) {
            diagnostics.add(first, "cannot tell what printed lines " + first + "-" + last
                    + (open.title.isEmpty() ? "" : " under [" + open.title + "]")
                    + ": expected ip, route, iptables, conntrack or kubectl output");
            return;
        }
        ParseResult result = ParserDispatch.parse(open.kind, lines, null, hints);
        for (Diagnostic d : result.diagnostics()) {
            diagnostics.add(d.line(), d.message());
        }
        sections.add(new WatchSection(open.title, first, last, result));
    }

    static boolean isWatchHeader(String text) {
        return text.startsWith("Every ") && text.indexOf("s: ") > 6;
    }

    /** {@code [ROUTE TABLE]} alone on a line (not a conntrack flag, which has other words around it). */
    static boolean isTitle(String text) {
        String t = text.strip();
        return t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']'
                && t.indexOf(']') == t.length() - 1 && t.indexOf(':') < 0;
    }

    static WatchHeader readHeader(String text) {
        int colon = text.indexOf("s: ");
        String interval = text.substring("Every ".length(), colon + 1);
        String rest = text.substring(colon + 3);
        // watch puts "host: date" at the right edge, after at least two blanks.
        int gap = rest.lastIndexOf("  ");
        String command = gap < 0 ? rest.strip() : rest.substring(0, gap).strip();
        String right = gap < 0 ? "" : rest.substring(gap).strip();
        int hostEnd = right.indexOf(": ");
        String host = hostEnd < 0 ? "" : right.substring(0, hostEnd);
        String time = hostEnd < 0 ? right : right.substring(hostEnd + 2);
        return new WatchHeader(interval, command, host, time);
    }

    private record Part(String title, ParserKind kind, List<Line> lines) {
    }
}
