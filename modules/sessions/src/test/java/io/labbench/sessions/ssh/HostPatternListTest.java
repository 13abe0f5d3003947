package io.labbench.sessions.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cases OpenSSH's sshd_config(5) PATTERNS section and ssh(1) known_hosts use. */
class HostPatternListTest {

    @Test
    void globsMatchTheWholeEntryIgnoringCase() {
        assertThat(HostPatternList.matches("*.example.org", "Node1.EXAMPLE.org")).isTrue();
        assertThat(HostPatternList.matches("*.example.org", "example.org")).isFalse();
        assertThat(HostPatternList.matches("192.168.0.?", "192.168.0.7")).isTrue();
        assertThat(HostPatternList.matches("192.168.0.?", "192.168.0.17")).isFalse();
        assertThat(HostPatternList.matches("node1,node2", "node2")).isTrue();
    }

    @Test
    void aHostOnAnotherPortIsItsBracketedEntry() {
        assertThat(HostPatternList.matches("[127.0.0.1]:2222", "[127.0.0.1]:2222")).isTrue();
        assertThat(HostPatternList.matches("127.0.0.1", "[127.0.0.1]:2222")).isFalse();
        assertThat(HostPatternList.matches("*", "[127.0.0.1]:2222")).isTrue();
        assertThat(HostPatternList.matches("*.example.org", "[a.example.org]:2222")).isFalse();
    }

    @Test
    void aMatchingNegationExcludesTheHostWhateverElseMatches() {
        assertThat(HostPatternList.matches("*.example.org,!bastion.example.org", "bastion.example.org")).isFalse();
        assertThat(HostPatternList.matches("!bastion.example.org,*.example.org", "node.example.org")).isTrue();
        assertThat(HostPatternList.matches("!bastion.example.org", "node.example.org")).as("a negation alone matches nothing").isFalse();
    }
}
