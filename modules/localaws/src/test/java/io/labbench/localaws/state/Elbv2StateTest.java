package io.labbench.localaws.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a subscriber of the ELBv2 state hears: each load balancer built, rebuilt or removed, and health only when it changed. */
class Elbv2StateTest {

    private static final String LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/k8s-default-svcnlbip-1a2b3c4d5e/0123456789abcdef";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-default-svcnlbip-9f8e7d6c5b/fedcba9876543210";

    private static Elbv2State.Entry entry() {
        return new Elbv2State.Entry(new LabCloud.LoadBalancer("k8s-default-svcnlbip-1a2b3c4d5e", LB,
                "k8s-default-svcnlbip-1a2b3c4d5e-0011223344556677.elb.us-east-1.amazonaws.com", "network", "internet-facing", "active",
                "vpc-0bbb", List.of(new LabCloud.ZoneAddress("us-east-1a", "subnet-0aaa", "172.30.40.7")), Instant.parse("2026-01-01T00:00:00Z")),
                List.of(new LabCloud.Listener(LB.replace(":loadbalancer/", ":listener/") + "/aaaabbbbccccdddd", LB, 80, "TCP", Optional.empty(), TG)),
                List.of(new LabCloud.TargetGroup(TG, "k8s-default-svcnlbip-9f8e7d6c5b", "TCP", 8080, "ip", "vpc-0bbb", LB,
                        new LabCloud.HealthCheck("TCP", "8080", "", 10, 10, 3, 3))));
    }

    private static LabCloud.TargetHealth target(String state) {
        return new LabCloud.TargetHealth(TG, "172.30.45.9", 8080, "us-east-1a", state, "", "");
    }

    @Test
    void aSubscriberHearsEachChangeInOrderAndHealthOnlyWhenItDiffers() {
        Elbv2State state = new Elbv2State();
        List<Elbv2Change> heard = new CopyOnWriteArrayList<>();
        Elbv2State.Subscription subscription = state.subscribe(heard::add);

        state.put(entry());
        state.setTargets(TG, List.of(target("initial")));
        state.setTargets(TG, List.of(target("initial"))); // the controller's once-a-second refresh: nothing new
        state.setTargets(TG, List.of(target("healthy")));
        state.put(entry());
        state.remove(LB);
        state.remove(LB); // already gone: nothing to tell

        assertThat(heard).hasSize(5);
        assertThat(heard.get(0)).isEqualTo(new Elbv2Change.LoadBalancerPut(entry(), true));
        assertThat(heard.get(1)).isEqualTo(new Elbv2Change.TargetHealthChanged(LB, TG, List.of(target("initial"))));
        assertThat(heard.get(2)).isEqualTo(new Elbv2Change.TargetHealthChanged(LB, TG, List.of(target("healthy"))));
        assertThat(heard.get(3)).isEqualTo(new Elbv2Change.LoadBalancerPut(entry(), false));
        assertThat(heard.get(4)).isInstanceOf(Elbv2Change.LoadBalancerRemoved.class);
        assertThat(heard.get(4).loadBalancerArn()).isEqualTo(LB);
        assertThat(state.loadBalancers()).isEmpty();
        assertThat(state.targetHealth()).isEmpty();

        subscription.close();
        state.put(entry());
        assertThat(heard).hasSize(5);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheWriterNorTheOthers() {
        Elbv2State state = new Elbv2State();
        List<Elbv2Change> heard = new CopyOnWriteArrayList<>();
        state.subscribe(c -> {
            throw new IllegalStateException("a broken reader");
        });
        state.subscribe(heard::add);
        state.put(entry());
        assertThat(heard).hasSize(1);
        assertThat(state.loadBalancers()).extracting(LabCloud.LoadBalancer::arn).containsExactly(LB);
    }
}
