package io.labbench.locallab.nlb;

import static io.labbench.locallab.nlb.TwoTargets.A;
import static io.labbench.locallab.nlb.TwoTargets.B;
import static io.labbench.locallab.nlb.TwoTargets.model;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An NLB is {@code provisioning} until it can serve: ELBv2 says {@code active} (and the VPC resolver answers its
 * name) once one of its targets passed HAProxy's check, so a learner who waited for {@code active} can curl it.
 * Before, it was active from its first second, with targets HAProxy had not reached yet, and the walk's
 * {@code curl $MyDOMAIN1} right after {@code dig} answered could get an empty reply.
 */
class NlbStateTest {

    @Test
    void activeOnceATargetPassedItsCheckNotBefore() {
        Duration early = Duration.ofSeconds(1);
        assertThat(DeployedNlb.serves(model(List.of()), Map.of(), early)).as("no target yet").isFalse();
        assertThat(DeployedNlb.serves(model(List.of(A, B)), Map.of(), early)).as("targets HAProxy has not checked yet").isFalse();
        assertThat(DeployedNlb.serves(model(List.of(A, B)), Map.of("10.0.0.1:8080", new HaproxyStats.ServerCheck("UP", "* L4CON"),
                "10.0.0.2:8080", new HaproxyStats.ServerCheck("DOWN", "L4TOUT")), early)).as("checks that failed").isFalse();
        assertThat(DeployedNlb.serves(model(List.of(A, B)), Map.of("10.0.0.1:8080", new HaproxyStats.ServerCheck("UP", "L4CON"),
                "10.0.0.2:8080", new HaproxyStats.ServerCheck("UP", "* L4OK")), early)).as("one target answered").isTrue();
    }

    @Test
    void anNlbWhoseTargetsNeverAnswerIsActiveAfterAtMostThirtySecondsAsOnAwsWhereActiveDoesNotWaitForTargets() {
        assertThat(DeployedNlb.serves(model(List.of()), Map.of(), DeployedNlb.PROVISIONING_AT_MOST.minusMillis(1))).isFalse();
        assertThat(DeployedNlb.serves(model(List.of()), Map.of(), DeployedNlb.PROVISIONING_AT_MOST)).isTrue();
    }
}
