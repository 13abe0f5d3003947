package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The study's annotations read as the controller reads them, and bad values refused naming the annotation. */
class NlbAnnotationsTest {

    private static final String P = "service.beta.kubernetes.io/aws-load-balancer-";

    @Test
    void theStudysEchoServiceAnnotationsGiveAnInternetFacingIpTargetNlb() {
        NlbAnnotations.Result r = NlbAnnotations.read(Map.of(P + "nlb-target-type", "ip", P + "scheme", "internet-facing",
                P + "healthcheck-port", "8080", P + "cross-zone-load-balancing-enabled", "true"));
        NlbSpec spec = ((NlbAnnotations.Valid) r).spec();
        assertThat(spec.targetType()).isEqualTo("ip");
        assertThat(spec.scheme()).isEqualTo("internet-facing");
        assertThat(spec.crossZone()).isTrue();
        assertThat(spec.healthCheckPort()).isEqualTo("8080");
        assertThat(spec.timing()).isEqualTo(new NlbSpec.HealthCheckTiming(10, 10, 3, 3));
        assertThat(spec.proxyProtocolV2()).isFalse();
        assertThat(spec.certificateArn()).isEmpty();
    }

    @Test
    void withoutAnnotationsTheControllersDefaultsApply() {
        NlbSpec spec = ((NlbAnnotations.Valid) NlbAnnotations.read(Map.of())).spec();
        assertThat(spec.targetType()).isEqualTo("instance");
        assertThat(spec.scheme()).isEqualTo("internal");
        assertThat(spec.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(spec.crossZone()).isFalse();
    }

    @Test
    void instanceTargetsWithExternalTrafficPolicyLocalAreCheckedOnKubeProxysHealthzAsTheControllerDoes() {
        NlbSpec local = ((NlbAnnotations.Valid) NlbAnnotations.read(Map.of(P + "nlb-target-type", "instance"), true)).spec();
        assertThat(local.healthCheckPort()).isEqualTo(NlbSpec.KUBE_PROXY_HEALTH_PORT);
        assertThat(local.healthCheckPath()).isEqualTo("/healthz");
        assertThat(local.timing()).isEqualTo(new NlbSpec.HealthCheckTiming(10, 6, 2, 2));

        NlbSpec annotated = ((NlbAnnotations.Valid) NlbAnnotations.read(Map.of(P + "nlb-target-type", "instance",
                P + "healthcheck-port", "8080"), true)).spec();
        assertThat(annotated.healthCheckPort()).isEqualTo("8080");
        assertThat(annotated.healthCheckPath()).isEmpty();

        NlbSpec ip = ((NlbAnnotations.Valid) NlbAnnotations.read(Map.of(P + "nlb-target-type", "ip"), true)).spec();
        assertThat(ip.healthCheckPort()).isEqualTo("traffic-port");
        assertThat(ip.timing()).isEqualTo(new NlbSpec.HealthCheckTiming(10, 10, 3, 3));
    }

    @Test
    void sslPortsByNameTerminateTlsOnlyThere() {
        NlbSpec spec = ((NlbAnnotations.Valid) NlbAnnotations.read(Map.of(P + "ssl-cert", "arn:aws:acm:us-east-1:1:certificate/x",
                P + "ssl-ports", "https", P + "backend-protocol", "http", P + "proxy-protocol", "*"))).spec();
        assertThat(spec.tlsOn(443, "https")).isTrue();
        assertThat(spec.tlsOn(80, "http")).isFalse();
        assertThat(spec.backendTls()).isFalse();
        assertThat(spec.proxyProtocolV2()).isTrue();
    }

    @Test
    void badValuesAreRefusedNamingTheAnnotationAndTheReason() {
        assertThat(invalid(P + "nlb-target-type", "pod")).isEqualTo(new NlbAnnotations.Invalid(P + "nlb-target-type",
                "unsupported target type \"pod\" (expected ip or instance)"));
        assertThat(invalid(P + "scheme", "public").reason()).isEqualTo("unknown scheme: public (expected internal or internet-facing)");
        NlbAnnotations.Invalid port = invalid(P + "healthcheck-port", "http");
        assertThat(port.annotation()).isEqualTo(P + "healthcheck-port");
        assertThat(port.message()).contains(P + "healthcheck-port").contains("\"http\"").contains("invalid syntax");
        assertThat(invalid(P + "healthcheck-port", "70000").reason()).contains("outside 1-65535");
        assertThat(invalid(P + "proxy-protocol", "v2").reason()).contains("only value currently supported is *");
        assertThat(invalid(P + "cross-zone-load-balancing-enabled", "yes").reason()).contains("failed to parse bool annotation");
        assertThat(invalid(P + "healthcheck-interval", "1").reason()).contains("outside 5-300");
    }

    private static NlbAnnotations.Invalid invalid(String key, String value) {
        return (NlbAnnotations.Invalid) NlbAnnotations.read(Map.of(key, value));
    }
}
