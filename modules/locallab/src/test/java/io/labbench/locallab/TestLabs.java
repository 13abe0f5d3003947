package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.net.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Unique lab settings for tests (prefix {@code lbt} + random hex) and a command helper. */
public final class TestLabs {

    private TestLabs() {
    }

    public static LabSettings settings(Path stateRoot) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String prefix = "lbt" + HexFormat.of().formatHex(random);
        return LabSettings.defaults(stateRoot, prefix);
    }

    /** Runs a command, expects exit 0, returns stdout. */
    public static String sh(String... argv) throws IOException {
        return ProcessRunner.run(List.of(argv), "");
    }

    public static String inNetns(String netns, String... argv) throws IOException {
        List<String> full = new java.util.ArrayList<>(List.of("nsenter", "--net=/run/netns/" + netns, "--"));
        full.addAll(List.of(argv));
        return ProcessRunner.run(full, "");
    }

    /** What a learner checks after {@code down}: no namespace, link, process or folder with the prefix. */
    public static void assertNothingLeft(LabSettings settings, String rootRulesBefore, String rootRoutesBefore) throws IOException {
        assertThat(sh("ip", "netns", "list")).doesNotContain(settings.prefix() + "-");
        assertThat(sh("ip", "-o", "link")).doesNotContain(settings.prefix());
        assertThat(sh("ip", "rule")).isEqualTo(rootRulesBefore);
        assertThat(sh("ip", "route", "show", "table", "all")).isEqualTo(rootRoutesBefore);
        assertThat(new io.labbench.locallab.net.LabCleaner(settings.prefix(), settings.labDir()).processes()).isEmpty();
        assertThat(sh("sh", "-c", "ps -eo args | grep -F '" + settings.labDir() + "' | grep -v grep || true")).isBlank();
        assertThat(settings.labDir()).doesNotExist();
    }
}
