package io.labbench.packetpath.netfilter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleWordsTest {

    @Test
    void quotedCommentIsOneWordWithoutItsQuotes() {
        assertThat(RuleWords.split("-s 10.0.0.0/8 -m comment --comment \"AWS, SNAT \\\"CHAIN\\\"\" -j RETURN"))
                .containsExactly("-s", "10.0.0.0/8", "-m", "comment", "--comment", "AWS, SNAT \"CHAIN\"", "-j", "RETURN");
    }

    @Test
    void plainWordsSplitOnAnyRunOfWhitespace() {
        assertThat(RuleWords.split("  -p tcp\t -m tcp --dport 80  ")).containsExactly("-p", "tcp", "-m", "tcp", "--dport", "80");
        assertThat(RuleWords.split("")).isEmpty();
    }

    @Test
    void quotesInsideAWordJoinItsParts() {
        assertThat(RuleWords.split("--comment ns/\"svc a\":http -j X")).containsExactly("--comment", "ns/svc a:http", "-j", "X");
    }
}
