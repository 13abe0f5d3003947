package io.labbench.labmodel.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits Markdown text into blocks. Never fails: an unclosed fence runs to the end of the text. */
public final class MarkdownBlocks {
    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*?)\\s*#*\\s*");
    private static final Pattern BULLET = Pattern.compile("\\s{0,3}[-*+]\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("\\s{0,3}\\d+[.)]\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile("\\s{0,3}(```+|~~~+)\\s*([\\w+-]*).*");

    private MarkdownBlocks() {
    }

    public static List<Block> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                String marker = fence.group(1);
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].strip().startsWith(marker)) {
                    code.append(lines[i]).append('\n');
                    i++;
                }
                i++;
                blocks.add(new Block.Code(fence.group(2), stripEnd(code.toString())));
                continue;
            }
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                blocks.add(new Block.Heading(heading.group(1).length(), heading.group(2)));
                i++;
                continue;
            }
            boolean ordered = NUMBERED.matcher(line).matches();
            if (ordered || BULLET.matcher(line).matches()) {
                Pattern item = ordered ? NUMBERED : BULLET;
                List<String> items = new ArrayList<>();
                while (i < lines.length && !lines[i].isBlank() && !FENCE.matcher(lines[i]).matches()) {
                    Matcher m = item.matcher(lines[i]);
                    if (m.matches()) {
                        items.add(m.group(1).strip());
                    } else if (items.isEmpty() || !Character.isWhitespace(lines[i].charAt(0))) {
                        break;
                    } else {
                        // A wrapped continuation line belongs to the item above.
                        items.set(items.size() - 1, items.get(items.size() - 1) + " " + lines[i].strip());
                    }
                    i++;
                }
                blocks.add(new Block.ListBlock(ordered, items));
                continue;
            }
            if (line.stripLeading().startsWith(">")) {
                StringBuilder quote = new StringBuilder();
                while (i < lines.length && lines[i].stripLeading().startsWith(">")) {
                    quote.append(lines[i].stripLeading().substring(1).strip()).append(' ');
                    i++;
                }
                blocks.add(new Block.Quote(quote.toString().strip()));
                continue;
            }
            StringBuilder paragraph = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank() && !FENCE.matcher(lines[i]).matches()
                    && !HEADING.matcher(lines[i]).matches() && !BULLET.matcher(lines[i]).matches()
                    && !NUMBERED.matcher(lines[i]).matches()) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(lines[i].strip());
                i++;
            }
            blocks.add(new Block.Paragraph(paragraph.toString()));
        }
        return blocks;
    }

    private static String stripEnd(String text) {
        return text.replaceAll("\\s+$", "");
    }
}
