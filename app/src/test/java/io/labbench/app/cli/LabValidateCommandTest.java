package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code labbench lab validate} as CI runs it: on the shipped labs, and on broken files. */
class LabValidateCommandTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = LabBenchCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void everyShippedLabIsValid() throws Exception {
        Path labs = Path.of(System.getProperty("labbench.assets", "../assets")).resolve("labs");
        String[] files;
        try (Stream<Path> list = Files.list(labs)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toArray(String[]::new);
        }
        assertThat(files).isNotEmpty();
        String[] args = Stream.concat(Stream.of("lab", "validate"), Stream.of(files)).toArray(String[]::new);

        Run run = run(args);

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("pkos-week2.yaml: ok (");
    }

    @Test
    void brokenFilesExitOneWithEveryErrorAsFileLineColumn(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                id: broken
                version: 1
                title: {ko: "깨진", en: "Broken"}
                summary: {ko: "요약"}
                backends: [local]
                sections:
                  - id: "1"
                    title: {ko: "하나", en: "One"}
                    steps:
                      - id: s
                        title: {ko: "단계", en: "Step"}
                        body: {ko: "본문", en: "Body"}
                        actions:
                          - run: "ip route"
                            on: worker9
                """);
        Path good = Files.writeString(dir.resolve("good.yaml"), """
                id: good
                version: 1
                title: {ko: "좋은", en: "Good"}
                summary: {ko: "요약", en: "Summary"}
                backends: [local]
                sections: []
                """);

        Run run = run("lab", "validate", broken.toString(), good.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                broken + ":4:10: missing key 'en' in the lab's summary (expected the English text)",
                broken + ":15:17: unknown target 'worker9'; expected one of kops-ec2, master, worker1, worker2, kubectl, local or pod:NAME",
                "2 errors in 2 files");
        assertThat(run.out()).contains(good + ": ok (0 sections, 0 steps");
    }

    @Test
    void missingFileIsAnErrorNotACrash(@TempDir Path dir) {
        Run run = run("lab", "validate", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("nope.yaml:1:1: not found: there is no file at ");
    }

    @Test
    void aFiftyMegabyteFileIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        // it used to keep validate busy past 200 s and 1.4 GB; sparse, so the test writes nothing to disk
        Path big = dir.resolve("big.yaml");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        Run run = run("lab", "validate", big.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(big + ":1:1: the file is 50.0 MB; a lab file may be at most 2.0 MB");
    }
}
