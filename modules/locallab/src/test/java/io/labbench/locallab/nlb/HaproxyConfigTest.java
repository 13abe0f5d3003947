package io.labbench.locallab.nlb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HAProxy configuration an NLB model becomes, and HAProxy's {@code show stat} read back. */
class HaproxyConfigTest {

    private static final NlbSpec.HealthCheckTiming TIMING = new NlbSpec.HealthCheckTiming(10, 10, 3, 3);
    private static final List<NlbModel.ZoneNode> ZONES = List.of(new NlbModel.ZoneNode("us-east-1a", "subnet-a", "172.30.40.1"),
            new NlbModel.ZoneNode("us-east-1c", "subnet-c", "172.30.70.1"));
    private static final List<NlbModel.Target> PODS = List.of(new NlbModel.Target("172.30.45.9", "172.30.45.9", 8080, "us-east-1a"),
            new NlbModel.Target("172.30.80.3", "172.30.80.3", 8080, "us-east-1c"));

    private static NlbModel model(boolean crossZone, boolean proxy, Optional<String> cert) {
        NlbModel.TargetGroup group = new NlbModel.TargetGroup("k8s-tg", "arn:tg", "ip", 8080, "TCP", "8080", TIMING, PODS);
        return new NlbModel("default/svc", "k8s-lb", "arn:lb", "k8s-lb-x.elb.us-east-1.amazonaws.com", "internet-facing", crossZone,
                proxy, false, ZONES, List.of(new NlbModel.Listener(cert.isPresent() ? 443 : 80, cert.isPresent() ? "TLS" : "TCP", cert, group)));
    }

    @Test
    void crossZoneBindsBothAddressesToOneBackendWithEveryTargetCheckedOnTheAnnotatedPort() {
        String cfg = HaproxyConfig.render(model(true, false, Optional.empty()), Map.of(), Path.of("/lab/nlb/s.sock"));
        assertThat(cfg).contains("stats socket /lab/nlb/s.sock mode 600 level admin")
                .contains("    bind 172.30.40.1:80\n    bind 172.30.70.1:80\n    default_backend tg-80\n")
                .contains("default-server inter 2000ms rise 3 fall 3")
                .contains("server 172.30.45.9:8080 172.30.45.9:8080 check port 8080\n")
                .contains("server 172.30.80.3:8080 172.30.80.3:8080 check port 8080\n")
                .doesNotContain("send-proxy");
    }

    @Test
    void withoutCrossZoneEachZonesAddressSendsOnlyToItsOwnZonesTargets() {
        String cfg = HaproxyConfig.render(model(false, false, Optional.empty()), Map.of(), Path.of("/s"));
        String zoneA = cfg.substring(cfg.indexOf("backend tg-80-us-east-1a"), cfg.indexOf("frontend listener-80-us-east-1c"));
        assertThat(zoneA).contains("172.30.45.9:8080").doesNotContain("172.30.80.3");
        assertThat(cfg).contains("frontend listener-80-us-east-1c\n    bind 172.30.70.1:80\n");
    }

    @Test
    void proxyProtocolAndTlsListenersAsAnnotated() {
        String cfg = HaproxyConfig.render(model(true, true, Optional.of("arn:cert")), Map.of("arn:cert", Path.of("/lab/c.pem")), Path.of("/s"));
        assertThat(cfg).contains("bind 172.30.40.1:443 ssl crt /lab/c.pem").contains("check port 8080 send-proxy-v2");
    }

    @Test
    void anNlbTheKernelForwardsGetsAChecksOnlyHaproxyWithKubeProxysHttpCheck() {
        List<NlbModel.Target> nodes = List.of(new NlbModel.Target("i-01", "172.30.46.72", 31245, "us-east-1a"),
                new NlbModel.Target("i-02", "172.30.89.212", 31245, "us-east-1c"));
        NlbModel.TargetGroup group = new NlbModel.TargetGroup("k8s-tg", "arn:tg", "instance", 31245, "TCP", "32100", "/healthz",
                new NlbSpec.HealthCheckTiming(10, 6, 2, 2), nodes);
        NlbModel m = new NlbModel("default/svc", "k8s-lb", "arn:lb", "dns", "internet-facing", false, false, false, ZONES,
                List.of(new NlbModel.Listener(80, "TCP", Optional.empty(), group)));
        String cfg = HaproxyConfig.render(m, Map.of(), Path.of("/s"));
        assertThat(cfg).doesNotContain("bind 172.30.").contains("bind 127.0.0.1:" + HaproxyConfig.CHECKS_ONLY_PORT)
                .contains("tcp-request connection reject")
                .contains("option httpchk GET /healthz\n    http-check expect status 200\n")
                .contains("default-server inter 2000ms rise 2 fall 2")
                .contains("server i-01:31245 172.30.46.72:31245 check port 32100\n")
                .contains("server i-02:31245 172.30.89.212:31245 check port 32100\n");
    }

    @Test
    void showStatIsReadPerServerPreferringAPassingCheck() {
        String csv = "# pxname,svname,qcur,status,check_status\n"
                + "tg-80,FRONTEND,,OPEN,\n"
                + "tg-80,172.30.45.9:8080,0,UP,L4OK\n"
                + "tg-80,172.30.80.3:8080,0,DOWN,L4CON\n"
                + "tg-80,172.30.81.4:8080,0,UP,* L4OK\n" // a check in progress: the last one passed
                + "tg-80,BACKEND,0,UP,\n";
        Map<String, HaproxyStats.ServerCheck> checks = HaproxyStats.parse(csv);
        assertThat(checks).containsOnlyKeys("172.30.45.9:8080", "172.30.80.3:8080", "172.30.81.4:8080");
        assertThat(checks.get("172.30.81.4:8080").passed()).isTrue();
        assertThat(checks.get("172.30.45.9:8080").passed()).isTrue();
        assertThat(checks.get("172.30.80.3:8080").down()).isTrue();
    }
}
