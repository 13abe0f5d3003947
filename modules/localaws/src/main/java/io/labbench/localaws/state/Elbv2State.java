package io.labbench.localaws.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load balancers a lab's controller has built, as ELBv2 keeps them: each load balancer with its
 * listeners and target groups, and each target group's registered targets with their health. The
 * controller replaces a load balancer's entry as a whole, so a reader never sees half of one.
 * Thread-safe: the controller writes while the endpoint answers.
 */
public final class Elbv2State {

    /** One load balancer and everything that belongs to it. */
    public record Entry(LabCloud.LoadBalancer loadBalancer, List<LabCloud.Listener> listeners,
                        List<LabCloud.TargetGroup> targetGroups) {
        public Entry {
            listeners = List.copyOf(listeners);
            targetGroups = List.copyOf(targetGroups);
        }
    }

    private final Map<String, Entry> byArn = new LinkedHashMap<>();
    private final Map<String, List<LabCloud.TargetHealth>> healthByGroup = new LinkedHashMap<>();

    public synchronized void put(Entry entry) {
        byArn.put(entry.loadBalancer().arn(), entry);
    }

    /** Removes a load balancer with its listeners, target groups and their targets. */
    public synchronized void remove(String loadBalancerArn) {
        Entry gone = byArn.remove(loadBalancerArn);
        if (gone != null) {
            gone.targetGroups().forEach(g -> healthByGroup.remove(g.arn()));
        }
    }

    public synchronized void setTargets(String targetGroupArn, List<LabCloud.TargetHealth> targets) {
        healthByGroup.put(targetGroupArn, List.copyOf(targets));
    }

    public synchronized List<LabCloud.LoadBalancer> loadBalancers() {
        return byArn.values().stream().map(Entry::loadBalancer).toList();
    }

    public synchronized List<LabCloud.Listener> listeners() {
        return byArn.values().stream().flatMap(e -> e.listeners().stream()).toList();
    }

    public synchronized List<LabCloud.TargetGroup> targetGroups() {
        return byArn.values().stream().flatMap(e -> e.targetGroups().stream()).toList();
    }

    public synchronized List<LabCloud.TargetHealth> targetHealth() {
        List<LabCloud.TargetHealth> all = new ArrayList<>();
        healthByGroup.values().forEach(all::addAll);
        return all;
    }
}
