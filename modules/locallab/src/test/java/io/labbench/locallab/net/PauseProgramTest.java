package io.labbench.locallab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pods' {@code /pause}: it holds on while the JVM's pipe is open, ends with it, and costs next to no memory. */
class PauseProgramTest {

    @TempDir
    Path dir;

    @Test
    void waitsWhileItsStdinIsOpenAndEndsCleanlyWhenItCloses() throws Exception {
        Optional<Path> program = PauseProgram.install(dir);
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "the program is x86-64 machine code; pods keep cat elsewhere");
        assertThat(program).as("installs and runs on this x86-64 machine").contains(dir.resolve("pause"));
        assertThat(Files.size(program.get())).isLessThan(4096);

        Process pause = new ProcessBuilder(program.get().toString()).start();
        try {
            assertThat(pause.waitFor(300, TimeUnit.MILLISECONDS)).as("still holding on").isFalse();
            long rssKb = Files.readAllLines(Path.of("/proc", Long.toString(pause.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).findFirst().orElseThrow();
            assertThat(rssKb).as("resident KiB (cat: about 1700)").isLessThan(200);
            pause.getOutputStream().close();
            assertThat(pause.waitFor(5, TimeUnit.SECONDS)).as("ended once the pipe closed").isTrue();
            assertThat(pause.exitValue()).isZero();
        } finally {
            pause.destroyForcibly();
        }
    }
}
