package io.labbench.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

class CommandHighlighterTest {

    private static List<String> styled(String command) {
        StyleSpans<Collection<String>> spans = CommandHighlighter.highlight(command);
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(span.getStyle().iterator().next() + ":" + command.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        assertThat(at).isEqualTo(command.length());
        return out;
    }

    @Test
    void coloursCommandsOptionsVariablesStringsAndPipes() {
        assertThat(styled("sudo iptables -t nat -S | grep 'A AWS-SNAT' $POD1 # note")).containsExactly(
                "sh-command:sudo", "sh-command:iptables", "sh-flag:-t", "sh-word:nat", "sh-flag:-S", "sh-operator:|",
                "sh-command:grep", "sh-string:'A AWS-SNAT'", "sh-variable:$POD1", "sh-comment:# note");
    }
}
