package io.labbench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void labAndWorkspaceFilesSpellBackendsInLowerCase() {
        assertThat(Backend.fromYamlName("local")).contains(Backend.LOCAL);
        assertThat(Backend.fromYamlName("aws")).contains(Backend.AWS);
        assertThat(Backend.fromYamlName("AWS")).isEmpty();
        assertThat(Backend.fromYamlName("gcp")).isEmpty();
    }
}
