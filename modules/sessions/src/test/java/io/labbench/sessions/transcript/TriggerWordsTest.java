package io.labbench.sessions.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TriggerWordsTest {

    private static final int AKIA = 1;
    private static final int TOKEN = 1 << 1;
    private static final int PASS = 1 << 2;

    private final TriggerWords words = new TriggerWords(List.of(
            new TriggerWords.Word("AKIA", false),
            new TriggerWords.Word("token", true),
            new TriggerWords.Word("pass", true)));

    @Test
    void findsWordsIgnoringCaseWhereAsked() {
        assertThat(words.find("export TOKEN=abc")).isEqualTo(TOKEN);
        assertThat(words.find("SessionToken")).isEqualTo(TOKEN);
        assertThat(words.find("PassWord: ")).isEqualTo(PASS);
    }

    @Test
    void findsCaseSensitiveWordsOnlyAsSpelt() {
        assertThat(words.find("AKIAIOSFODNN7EXAMPLE")).isEqualTo(AKIA);
        assertThat(words.find("akiaiosfodnn7example")).isZero();
    }

    @Test
    void findsWordsAtEitherEndAndSeveralInOneLine() {
        assertThat(words.find("pass")).isEqualTo(PASS);
        assertThat(words.find("the token")).isEqualTo(TOKEN);
        assertThat(words.find("AKIA token pass")).isEqualTo(AKIA | TOKEN | PASS);
        // A false start just before the real word.
        assertThat(words.find("tototoken")).isEqualTo(TOKEN);
    }

    @Test
    void findsNothingInOrdinaryOrShortOrNonAsciiText() {
        assertThat(words.find("")).isZero();
        assertThat(words.find("t")).isZero();
        assertThat(words.find("to")).isZero();
        assertThat(words.find("172.30.1.45 dev eni9f2b3c4d5e6 scope link")).isZero();
        assertThat(words.find("토큰 tök passé")).isEqualTo(PASS);
        assertThat(words.find("tøken")).isZero();
    }

    @Test
    void refusesWordsItCannotIndex() {
        assertThatThrownBy(() -> new TriggerWords.Word("x", true)).hasMessageContaining("2 or more");
        assertThatThrownBy(() -> new TriggerWords.Word("tök", true)).hasMessageContaining("printable ASCII");
    }

    @Test
    void agreesWithAPlainSearchOnBase64TextWithWordsInAnySpellingAndCutOffAtTheEnd() {
        List<TriggerWords.Word> list = List.of(new TriggerWords.Word("AKIA", false), new TriggerWords.Word("token", true),
                new TriggerWords.Word("-u", false), new TriggerWords.Word("se", true), new TriggerWords.Word("eyJ", false),
                new TriggerWords.Word("://", false));
        TriggerWords mixed = new TriggerWords(list);
        // Non-ASCII characters too: a pair holding one is compared the slow way, next to a word or not.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-:é토";
        String[] inserts = {"TOKEN", "toKen", "tOk", "to", "AKIA", "akia", "AKI", "-u", "eyJ", "eyj", "SE", "sE", ":/", "://"};
        Random random = new Random(21);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            // Short lines, and longer ones: a word may start at an even or an odd position, or end the line.
            for (int length = random.nextInt(n % 2 == 0 ? 12 : 40); line.length() < length; ) {
                line.append(random.nextInt(4) == 0 ? inserts[random.nextInt(inserts.length)]
                        : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            String text = line.toString();
            int expected = 0;
            for (int bit = 0; bit < list.size(); bit++) {
                TriggerWords.Word word = list.get(bit);
                boolean found = word.ignoreCase()
                        ? text.toLowerCase(Locale.ROOT).contains(word.text().toLowerCase(Locale.ROOT))
                        : text.contains(word.text());
                expected |= found ? 1 << bit : 0;
            }
            assertThat(mixed.find(text)).as(text).isEqualTo(expected);
        }
    }
}
