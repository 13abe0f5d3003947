package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.app.ui.DesktopLauncher;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Opening the window without picocli must read the window's options as picocli does, or leave the line to it. */
class QuickWindowLaunchTest {

    @Test
    void readsTheWindowsOptionsAsPicocliDoes() {
        List<String[]> lines = List.of(
                new String[] {},
                new String[] {"--startup-probe", "--backend", "shells"},
                new String[] {"--backend=aws", "--workspace", "study"},
                new String[] {"--workspace=lab-2", "--startup-probe"},
                new String[] {"--backend", "local"});
        for (String[] line : lines) {
            DesktopLauncher.Options quick = QuickWindowLaunch.parse(line).orElseThrow(() -> new AssertionError(String.join(" ", line)));
            LabBenchCommand picocli = (LabBenchCommand) LabBenchCommand.commandLine().parseArgs(line).commandSpec().userObject();
            assertThat(quick).as(String.join(" ", line))
                    .isEqualTo(new DesktopLauncher.Options(picocli.startupProbe, picocli.workspace, picocli.backend));
        }
    }

    @Test
    void leavesHelpSubcommandsAndMistakesToPicocli() {
        List<String[]> lines = List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"lab", "up"},
                new String[] {"parse", "ip-route", "-"},
                new String[] {"--backend", "gcp"},
                new String[] {"--backend"},
                new String[] {"--backend", "aws", "--backend", "shells"},
                new String[] {"--workspace", "--startup-probe"},
                new String[] {"--startup-probe=true"},
                new String[] {"@args.txt"});
        for (String[] line : lines) {
            assertThat(QuickWindowLaunch.parse(line)).as(String.join(" ", line)).isEmpty();
        }
    }
}
