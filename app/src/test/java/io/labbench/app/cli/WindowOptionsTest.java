package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The window's options ({@code --backend}, {@code --workspace}, {@code --startup-probe}) mean nothing to a
 * subcommand; {@code labbench --backend=gcp parse …} used to run the parse as if they were not there.
 */
class WindowOptionsTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LabBenchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anUnknownBackendIsRefusedBeforeAnySubcommandRuns(@TempDir Path dir) throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.txt"), "default via 172.30.32.1 dev ens5\n");
        Run r = run("--backend=gcp", "parse", "ip-route", routes.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).startsWith("--backend gcp: expected local, aws or shells");
    }

    @Test
    void windowOptionsWithASubcommandAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.txt"), "default via 172.30.32.1 dev ens5\n");
        Path lab = Files.writeString(dir.resolve("lab.yaml"), "id: x\n");
        Run backend = run("--backend", "aws", "parse", "ip-route", routes.toString());
        assertThat(backend.exit).isEqualTo(2);
        assertThat(backend.out).isEmpty();
        assertThat(backend.err).startsWith("--backend is an option of the window, not of 'parse'");
        Run workspace = run("--workspace", "mine", "lab", "validate", lab.toString());
        assertThat(workspace.exit).isEqualTo(2);
        assertThat(workspace.err).startsWith("--workspace is an option of the window, not of 'lab'");
        Run probe = run("--startup-probe", "parse", "ip-route", routes.toString());
        assertThat(probe.exit).isEqualTo(2);
        assertThat(probe.err).startsWith("--startup-probe is an option of the window, not of 'parse'");
    }

    @Test
    void unknownOptionsOfSubcommandsAreRefused(@TempDir Path dir) throws Exception {
        Path routes = Files.writeString(dir.resolve("routes.txt"), "default via 172.30.32.1 dev ens5\n");
        for (String[] args : new String[][] {
                {"parse", "ip-route", routes.toString(), "--backend=gcp"},
                {"parse", "diff", "ip-route", routes.toString(), routes.toString(), "--jsonn"},
                {"lab", "validate", "--strict", routes.toString()},
                {"lab", "--backend=aws", "status"}}) {
            Run r = run(args);
            assertThat(r.exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err).as(String.join(" ", args)).containsAnyOf("Unknown option", "Unmatched argument");
        }
    }
}
