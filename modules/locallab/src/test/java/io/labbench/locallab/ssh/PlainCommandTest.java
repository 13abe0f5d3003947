package io.labbench.locallab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainCommandTest {

    private static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    @Test
    void aProgramWithPlainArgumentsIsExecutedDirectlyByItsAbsolutePath() {
        assertThat(PlainCommand.parse("true", PATH)).hasValueSatisfying(c -> assertThat(c.argv()).hasSize(1)
                .first().asString().endsWith("/true").startsWith("/"));
        assertThat(PlainCommand.parse("  ls -la  /tmp ", PATH)).hasValueSatisfying(c ->
                assertThat(c.argv().subList(1, 3)).isEqualTo(List.of("-la", "/tmp")));
        assertThat(PlainCommand.parse("/bin/cat /etc/hostname", PATH)).hasValueSatisfying(c ->
                assertThat(c.argv()).containsExactly("/bin/cat", "/etc/hostname"));
    }

    @Test
    void shellSyntaxBuiltinsAssignmentsAndUnknownProgramsAreLeftToBash() {
        for (String line : List.of("ls | wc -l", "echo $HOME", "ls ~", "ls *.yaml", "cat a > b", "ls; ls", "ls && ls",
                "echo 'quoted'", "FOO=1 ls", "cd /tmp", "echo hi", "pwd", "kill 1", "test -e /tmp", "ls # comment",
                "no-such-program-here", "bin/relative", "", "ls\tx", "ls `id`", "ls (x)", "exit 3")) {
            assertThat(PlainCommand.parse(line, PATH)).as(line).isEmpty();
        }
    }
}
