package io.labbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code lab up|down|status} without picocli must read the same options as picocli, or leave the line to it. */
class QuickLabCommandsTest {

    @Test
    void optionTableNamesEveryOptionTheCommandsDeclare() {
        QuickLabCommands.COMMANDS.forEach((name, command) -> {
            Map<String, String> declared = new LinkedHashMap<>();
            for (Field field : command.make().get().getClass().getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    Arrays.stream(option.names()).forEach(n -> declared.put(n, field.getName()));
                }
            }
            assertThat(command.options()).as("lab " + name).isEqualTo(declared);
        });
    }

    @Test
    void setsTheSameFieldsAsPicocli() throws Exception {
        List<String[]> lines = List.of(
                new String[] {"lab", "up"},
                new String[] {"lab", "up", "--json", "--prefix", "lbt123"},
                new String[] {"lab", "up", "--prefix=lbt9", "--instance-type", "t3.large", "--control-plane-type=t3.small",
                        "--prefix-delegation", "--max-pods", "110", "--timeout=30"},
                new String[] {"lab", "down", "-v", "--prefix", "lbx"},
                new String[] {"lab", "down", "--verbose"},
                new String[] {"lab", "status", "--json", "--prefix=lbq"});
        for (String[] line : lines) {
            Object quick = QuickLabCommands.parse(line).orElseThrow(() -> new AssertionError(String.join(" ", line)));
            CommandLine.ParseResult parsed = LabBenchCommand.commandLine().parseArgs(line);
            Object picocli = parsed.subcommand().subcommand().commandSpec().userObject();
            assertThat(quick.getClass()).isEqualTo(picocli.getClass());
            for (Field field : quick.getClass().getDeclaredFields()) {
                if (field.isAnnotationPresent(Option.class)) {
                    assertThat(field.get(quick)).as(String.join(" ", line) + ": " + field.getName()).isEqualTo(field.get(picocli));
                }
            }
            if (quick instanceof LabUpCommand up) {
                // with no settings option, lab up starts with the settings the app saved
                assertThat(up.settingsGiven()).as(String.join(" ", line) + ": settings given")
                        .isEqualTo(((LabUpCommand) picocli).settingsGiven())
                        .isEqualTo(List.of(line).stream().anyMatch(a -> a.startsWith("--instance-type")
                                || a.startsWith("--control-plane-type") || a.startsWith("--prefix-delegation") || a.startsWith("--max-pods")));
            }
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        List<String[]> lines = List.of(
                new String[] {"lab", "up", "--help"},
                new String[] {"lab", "up", "--json", "--json"},
                new String[] {"lab", "up", "--max-pods", "many"},
                new String[] {"lab", "up", "--max-pods", "-1"},
                new String[] {"lab", "up", "--timeout"},
                new String[] {"lab", "up", "--json=true"},
                new String[] {"lab", "up", "@more-args.txt"},
                new String[] {"lab", "up", "--prefix", "--json"},
                new String[] {"lab", "validate", "lab.yaml"},
                new String[] {"lab"},
                new String[] {"--version"},
                new String[] {"--workspace", "w", "lab", "up"});
        for (String[] line : lines) {
            assertThat(QuickLabCommands.parse(line)).as(String.join(" ", line)).isEmpty();
        }
    }
}
