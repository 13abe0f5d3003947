package io.labbench.locallab.nlb;

import static io.labbench.locallab.nlb.TwoTargets.A;
import static io.labbench.locallab.nlb.TwoTargets.B;
import static io.labbench.locallab.nlb.TwoTargets.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.labbench.localaws.state.LabCloud;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** initial → healthy after the threshold's checks, unhealthy when HAProxy marks it down, draining when it leaves. */
class TargetHealthTrackerTest {

    private static List<String> states(Map<String, List<LabCloud.TargetHealth>> health) {
        return health.get("arn:tg").stream().map(t -> t.targetId() + "=" + t.state()).toList();
    }

    @Test
    void targetsGoFromInitialToHealthyAndDrainWhenTheyLeave() {
        TargetHealthTracker tracker = new TargetHealthTracker();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        tracker.register(model(List.of(A, B)), t0);
        Map<String, HaproxyStats.ServerCheck> ok = Map.of("10.0.0.1:8080", new HaproxyStats.ServerCheck("UP", "L4OK"),
                "10.0.0.2:8080", new HaproxyStats.ServerCheck("DOWN", "L4CON"));
        assertThat(states(tracker.health(ok, t0.plusSeconds(1)))).containsExactly("10.0.0.1=initial", "10.0.0.2=unhealthy");
        // three checks at the lab's 2 s interval
        assertThat(states(tracker.health(ok, t0.plusSeconds(6)))).containsExactly("10.0.0.1=healthy", "10.0.0.2=unhealthy");

        tracker.register(model(List.of(A)), t0.plusSeconds(10));
        assertThat(states(tracker.health(ok, t0.plusSeconds(11)))).containsExactly("10.0.0.1=healthy", "10.0.0.2=draining");
        assertThat(states(tracker.health(ok, t0.plusSeconds(10).plus(TargetHealthTracker.DEREGISTRATION_DELAY))))
                .containsExactly("10.0.0.1=healthy");
    }

    @Test
    void oneFailedCheckLeavesAHealthyTargetHealthyAndInServiceUntilHaproxyMarksItDown() {
        TargetHealthTracker tracker = new TargetHealthTracker();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        tracker.register(model(List.of(A, B)), t0);
        // HAProxy 2.6's words: before the first check, after one timed-out check of a server that was up, and down
        HaproxyStats.ServerCheck notYet = new HaproxyStats.ServerCheck("UP", "INI");
        HaproxyStats.ServerCheck oneMiss = new HaproxyStats.ServerCheck("UP 1/3", "L7TOUT");
        HaproxyStats.ServerCheck down = new HaproxyStats.ServerCheck("DOWN", "L7TOUT");
        assertThat(notYet.inService()).isFalse();
        assertThat(oneMiss.inService()).isTrue();
        assertThat(new HaproxyStats.ServerCheck("UP", "* L7OK").inService()).isTrue();
        assertThat(down.inService()).isFalse();
        assertThat(new HaproxyStats.ServerCheck("DOWN 1/2", "L7OK").inService()).as("going up: not yet").isFalse();

        assertThat(states(tracker.health(Map.of("10.0.0.1:8080", notYet, "10.0.0.2:8080", notYet), t0.plusSeconds(8))))
                .containsExactly("10.0.0.1=initial", "10.0.0.2=initial");
        assertThat(states(tracker.health(Map.of("10.0.0.1:8080", oneMiss, "10.0.0.2:8080", down), t0.plusSeconds(9))))
                .containsExactly("10.0.0.1=healthy", "10.0.0.2=unhealthy");
    }

    @Test
    void aTargetInSeveralZoneBackendsCountsAsInServiceWhenOneBackendSendsToIt() {
        String csv = "# pxname,svname,status,check_status\n"
                + "tg-80-us-east-1a,i-01:31245,DOWN,L7TOUT\n"
                + "tg-80-us-east-1c,i-01:31245,UP 1/2,L7TOUT\n";
        assertThat(HaproxyStats.parse(csv).get("i-01:31245").inService()).isTrue();
    }
}
