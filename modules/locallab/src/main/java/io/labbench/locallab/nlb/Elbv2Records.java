package io.labbench.locallab.nlb;

import io.labbench.localaws.state.Elbv2State;
import io.labbench.localaws.state.LabCloud;
import java.time.Instant;
import java.util.List;

/** An {@link NlbModel} as ELBv2 describes it: load balancer, listeners and target groups. */
final class Elbv2Records {

    private Elbv2Records() {
    }

    /** @param state {@code provisioning} or {@code active} ({@link DeployedNlb#state()}) */
    static Elbv2State.Entry of(NlbModel nlb, String vpcId, Instant created, String state) {
        LabCloud.LoadBalancer lb = new LabCloud.LoadBalancer(nlb.name(), nlb.arn(), nlb.dnsName(), "network", nlb.scheme(),
                state, vpcId, nlb.zones().stream().map(z -> new LabCloud.ZoneAddress(z.zone(), z.subnetId(), z.address())).toList(),
                created);
        List<LabCloud.Listener> listeners = nlb.listeners().stream().map(l -> new LabCloud.Listener(
                NlbNames.listenerArn(arnAccount(nlb.arn()), nlb.name(), l.port()), nlb.arn(), l.port(), l.protocol(),
                l.certificateArn(), l.targetGroup().arn())).toList();
        List<LabCloud.TargetGroup> groups = nlb.listeners().stream().map(l -> {
            NlbModel.TargetGroup g = l.targetGroup();
            NlbSpec.HealthCheckTiming t = g.timing();
            return new LabCloud.TargetGroup(g.arn(), g.name(), g.protocol(), g.port(), g.targetType(), vpcId, nlb.arn(),
                    new LabCloud.HealthCheck(g.healthCheckProtocol(), g.healthCheckPort(), g.healthCheckPath(), t.intervalSeconds(), t.timeoutSeconds(),
                            t.healthyThreshold(), t.unhealthyThreshold()));
        }).toList();
        return new Elbv2State.Entry(lb, listeners, groups);
    }

    private static String arnAccount(String arn) {
        return arn.split(":")[4];
    }
}
