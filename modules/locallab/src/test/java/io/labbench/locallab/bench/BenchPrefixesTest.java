package io.labbench.locallab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.locallab.settings.LabSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Benchmarks name their labs afresh each run, never {@code lb} or a fixed name another run may hold. */
class BenchPrefixesTest {

    @Test
    void eachRunGetsAValidPrefixOfItsOwn() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String prefix = BenchPrefixes.random("lbc");
            assertThat(prefix).startsWith("lbc").isNotEqualTo(LabSettings.DEFAULT_PREFIX);
            // the lab accepts it (2-9 characters: it names namespaces and links)
            assertThat(LabSettings.defaults(Path.of("/tmp/unused"), prefix).prefix()).isEqualTo(prefix);
            seen.add(prefix);
        }
        assertThat(seen).hasSizeGreaterThan(45);
    }
}
