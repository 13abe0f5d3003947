package io.labbench.locallab.kube.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Decoding kubectl's protobuf bodies, from a body kubectl v1.32 really sent (captured with -v=8). */
class ProtobufBodyTest {

    /** {@code kubectl create deployment web --image=nginx}. */
    private static final String CREATE_DEPLOYMENT = ""
            + "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412ab010a1f0a0377656212001a0022002a00320038"
            + "0042005a0a0a036170701203776562127a0801120c0a0a0a0361707012037765621a600a1c0a0012001a0022002a0032"
            + "00380042005a0a0a036170701203776562124012220a056e67696e7812056e67696e782a0042006a0072008001008801"
            + "00900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c080010"
            + "0018002000280038001a002200";

    @Test
    void kubectlsCreateDeploymentBodyBecomesTheDeploymentWithoutGosEmptyFields() {
        ObjectNode d = ProtobufBody.toJson(HexFormat.of().parseHex(CREATE_DEPLOYMENT));

        assertThat(Json.write(d)).isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\"}]}}}}");
    }

    @Test
    void aBodyWithoutTheKubernetesMagicIsABadRequest() {
        assertThatThrownBy(() -> ProtobufBody.toJson("{\"kind\":\"Pod\"}".getBytes()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("no k8s");
    }

    @Test
    void onlyProtobufContentTypesAreDecoded() {
        assertThat(ProtobufBody.isProtobuf("application/vnd.kubernetes.protobuf")).isTrue();
        assertThat(ProtobufBody.isProtobuf("application/json")).isFalse();
        assertThat(ProtobufBody.isProtobuf(null)).isFalse();
    }
}
