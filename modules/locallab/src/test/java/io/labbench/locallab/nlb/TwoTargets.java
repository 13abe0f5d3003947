package io.labbench.locallab.nlb;

import java.util.List;
import java.util.Optional;

/** An IP-mode NLB's model with one TCP listener and up to two pod targets in two zones, for the NLB's unit tests. */
final class TwoTargets {

    static final NlbSpec.HealthCheckTiming TIMING = new NlbSpec.HealthCheckTiming(10, 10, 3, 3);
    static final NlbModel.Target A = new NlbModel.Target("10.0.0.1", "10.0.0.1", 8080, "us-east-1a");
    static final NlbModel.Target B = new NlbModel.Target("10.0.0.2", "10.0.0.2", 8080, "us-east-1c");

    private TwoTargets() {
    }

    static NlbModel model(List<NlbModel.Target> targets) {
        return new NlbModel("default/s", "lb", "arn:lb", "dns", "internal", true, false, false, List.of(),
                List.of(new NlbModel.Listener(80, "TCP", Optional.empty(),
                        new NlbModel.TargetGroup("tg", "arn:tg", "ip", 8080, "TCP", "traffic-port", TIMING, targets))));
    }
}
