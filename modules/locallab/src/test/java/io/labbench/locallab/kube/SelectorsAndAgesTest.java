package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labbench.locallab.kube.api.BadRequestException;
import io.labbench.locallab.kube.api.FieldSelector;
import io.labbench.locallab.kube.api.HumanDuration;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.LabelSelector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SelectorsAndAgesTest {

    private static final com.fasterxml.jackson.databind.JsonNode POD = Json.parse(
            "{\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"nginx\",\"tier\":\"web\"}},\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");

    @Test
    void labelSelectorsOfEveryKubectlForm() {
        assertThat(LabelSelector.parse("app=nginx").matches(POD)).isTrue();
        assertThat(LabelSelector.parse("app==nginx,tier!=db").matches(POD)).isTrue();
        assertThat(LabelSelector.parse("app in (pod, nginx)").matches(POD)).isTrue();
        assertThat(LabelSelector.parse("tier notin (web)").matches(POD)).isFalse();
        assertThat(LabelSelector.parse("!canary,app").matches(POD)).isTrue();
        assertThatThrownBy(() -> LabelSelector.parse("app=(x")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void fieldSelectorsAsDescribeSendsThem() {
        assertThat(FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed,status.phase!=Succeeded").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.name=q").matches(POD)).isFalse();
    }

    @Test
    void agesPrintLikeKubectl() {
        assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.of(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(HumanDuration.of(Duration.ofMinutes(17))).isEqualTo("17m");
        assertThat(HumanDuration.of(Duration.ofMinutes(303))).isEqualTo("5h3m");
        assertThat(HumanDuration.of(Duration.ofHours(52))).isEqualTo("2d4h");
    }
}
