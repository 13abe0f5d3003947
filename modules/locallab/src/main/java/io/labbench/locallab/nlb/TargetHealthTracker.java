package io.labbench.locallab.nlb;

import io.labbench.localaws.state.LabCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target health ELBv2 reports for one NLB, from HAProxy's checks: a new target is {@code initial}
 * until it has passed as many checks as the healthy threshold asks, then {@code healthy};
 * {@code unhealthy} once HAProxy marks it down (as many failed checks in a row as the unhealthy threshold
 * asks: one failed check leaves a healthy target healthy, as on AWS); a target that left (scale-down) is {@code draining}
 * for the deregistration delay and then gone.
 */
final class TargetHealthTracker {

    /** ELBv2's default 300 s, at the lab's check speed-up. */
    static final Duration DEREGISTRATION_DELAY = Duration.ofSeconds(300 / HaproxyConfig.CHECK_SPEEDUP);

    private record Key(String groupArn, String id, int port) {
    }

    private record Known(NlbModel.Target target, Instant registered, NlbModel.TargetGroup group) {
    }

    private final Map<Key, Known> registered = new LinkedHashMap<>();
    private final Map<Key, Instant> drainingSince = new HashMap<>();
    private final Map<Key, NlbModel.Target> drainingTargets = new HashMap<>();

    /** Takes the model's targets as the registered ones; those no longer in it start draining. */
    synchronized void register(NlbModel model, Instant now) {
        Map<Key, Known> next = new LinkedHashMap<>();
        for (NlbModel.Listener l : model.listeners()) {
            for (NlbModel.Target t : l.targetGroup().targets()) {
                Key k = new Key(l.targetGroup().arn(), t.id(), t.port());
                Known before = registered.get(k);
                next.put(k, new Known(t, before == null ? now : before.registered(), l.targetGroup()));
                drainingSince.remove(k);
                drainingTargets.remove(k);
            }
        }
        for (Map.Entry<Key, Known> old : registered.entrySet()) {
            if (!next.containsKey(old.getKey())) {
                drainingSince.put(old.getKey(), now);
                drainingTargets.put(old.getKey(), old.getValue().target());
            }
        }
        registered.clear();
        registered.putAll(next);
    }

    /** Every target group's targets as {@code describe-target-health} lists them, grouped by target group ARN. */
    synchronized Map<String, List<LabCloud.TargetHealth>> health(Map<String, HaproxyStats.ServerCheck> checks, Instant now) {
        drainingSince.entrySet().removeIf(e -> {
            boolean done = Duration.between(e.getValue(), now).compareTo(DEREGISTRATION_DELAY) >= 0;
            if (done) {
                drainingTargets.remove(e.getKey());
            }
            return done;
        });
        Map<String, List<LabCloud.TargetHealth>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<Key, Known> e : registered.entrySet()) {
            Known k = e.getValue();
            HaproxyStats.ServerCheck check = checks.get(HaproxyConfig.serverName(k.target()));
            NlbSpec.HealthCheckTiming t = k.group().timing();
            Duration toHealthy = Duration.ofMillis(t.healthyThreshold() * t.intervalSeconds() * 1000L / HaproxyConfig.CHECK_SPEEDUP);
            LabCloud.TargetHealth h;
            if (check != null && check.down()) {
                h = health(e.getKey(), k.target(), "unhealthy", "Target.FailedHealthChecks", "Health checks failed");
            } else if (check != null && check.inService() && Duration.between(k.registered(), now).compareTo(toHealthy) >= 0) {
                h = health(e.getKey(), k.target(), "healthy", "", "");
            } else {
                h = health(e.getKey(), k.target(), "initial", "Elb.RegistrationInProgress", "Target registration is in progress");
            }
            byGroup.computeIfAbsent(e.getKey().groupArn(), g -> new ArrayList<>()).add(h);
        }
        for (Map.Entry<Key, NlbModel.Target> d : drainingTargets.entrySet()) {
            byGroup.computeIfAbsent(d.getKey().groupArn(), g -> new ArrayList<>()).add(health(d.getKey(), d.getValue(), "draining",
                    "Target.DeregistrationInProgress", "Target deregistration is in progress"));
        }
        return byGroup;
    }

    private static LabCloud.TargetHealth health(Key key, NlbModel.Target target, String state, String reason, String description) {
        return new LabCloud.TargetHealth(key.groupArn(), target.id(), target.port(), target.zone(), state, reason, description);
    }
}
