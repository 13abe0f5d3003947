package io.labbench.locallab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.labbench.locallab.kube.api.Json;
import io.labbench.locallab.kube.api.StrategicMergePatch;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final JsonNode POD = Json.parse("""
            {"metadata":{"labels":{"app":"pod","tier":"db"}},
             "spec":{"containers":[{"name":"a","image":"nginx:1","ports":[{"containerPort":80}]},{"name":"b","image":"busybox"}]}}""");

    @Test
    void containersMergeByNameAndNullDeletesALabel() {
        JsonNode patch = Json.parse("""
                {"metadata":{"labels":{"tier":null,"env":"lab"}},
                 "spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b","image":"busybox:2"}]}}""");
        JsonNode out = StrategicMergePatch.apply(POD, patch, true);
        assertThat(out.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"pod\",\"env\":\"lab\"}");
        assertThat(out.path("spec").path("containers")).hasSize(2);
        assertThat(out.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("nginx:1");
        assertThat(out.path("spec").path("containers").get(1).path("image").asText()).isEqualTo("busybox:2");
        assertThat(out.path("spec").has("$setElementOrder/containers")).isFalse();
    }

    @Test
    void patchDeleteDirectiveRemovesAContainerAndMergePatchReplacesLists() {
        JsonNode delete = Json.parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"$patch\":\"delete\"}]}}");
        assertThat(StrategicMergePatch.apply(POD, delete, true).path("spec").path("containers")).hasSize(1);
        JsonNode merge = Json.parse("{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}");
        assertThat(StrategicMergePatch.apply(POD, merge, false).path("spec").path("containers").toString())
                .isEqualTo("[{\"name\":\"c\"}]");
    }
}
