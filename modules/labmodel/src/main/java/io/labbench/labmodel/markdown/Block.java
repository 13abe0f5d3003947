package io.labbench.labmodel.markdown;

import java.util.List;

/** One block of a Markdown text. Inline text keeps its Markdown; {@link Inline#parse} splits it. */
public sealed interface Block {

    record Heading(int level, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record ListBlock(boolean ordered, List<String> items) implements Block {
        public ListBlock {
            items = List.copyOf(items);
        }
    }

    record Quote(String text) implements Block {
    }

    /** A fenced code block; {@code language} is what follows the fence ({@code bash}, {@code yaml}, or empty). */
    record Code(String language, String text) implements Block {
    }
}
