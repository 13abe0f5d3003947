package io.labbench.localaws.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load balancers a lab's controller has built, as ELBv2 keeps them: each load balancer with its
 * listeners and target groups, and each target group's registered targets with their health. The
 * controller replaces a load balancer's entry as a whole, so a reader never sees half of one.
 * Thread-safe: the controller writes while the endpoint answers.
 *
 * <p>{@link #subscribe} tells a reader of every change as it happens ({@link Elbv2Change}): the VPC
 * resolver answers a new load balancer's name at once, a UI follows target health live.
 */
public final class Elbv2State {

    private static final Logger LOG = Logger.getLogger(Elbv2State.class.getName());

    /** One load balancer and everything that belongs to it. */
    public record Entry(LabCloud.LoadBalancer loadBalancer, List<LabCloud.Listener> listeners,
                        List<LabCloud.TargetGroup> targetGroups) {
        public Entry {
            listeners = List.copyOf(listeners);
            targetGroups = List.copyOf(targetGroups);
        }
    }

    /** Ends a {@link #subscribe subscription}; closing twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Entry> byArn = new LinkedHashMap<>();
    private final Map<String, List<LabCloud.TargetHealth>> healthByGroup = new LinkedHashMap<>();
    private final List<Consumer<Elbv2Change>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Hears every change from now on, in the order the writer made them. The listener runs on the
     * writer's thread after the state is updated and unlocked: it must be quick and must not block (a
     * UI hands the change to its own thread). The one exception is on purpose: the local lab's VPC resolver
     * takes a new or removed name before it returns (milliseconds), so a writer that goes on to show the name
     * (a Service's EXTERNAL-IP) shows one that resolves. A listener that throws is logged and kept.
     */
    public Subscription subscribe(Consumer<Elbv2Change> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void put(Entry entry) {
        boolean created;
        synchronized (this) {
            created = byArn.put(entry.loadBalancer().arn(), entry) == null;
        }
        tell(new Elbv2Change.LoadBalancerPut(entry, created));
    }

    /** Removes a load balancer with its listeners, target groups and their targets. */
    public void remove(String loadBalancerArn) {
        Entry gone;
        synchronized (this) {
            gone = byArn.remove(loadBalancerArn);
            if (gone != null) {
                gone.targetGroups().forEach(g -> healthByGroup.remove(g.arn()));
            }
        }
        if (gone != null) {
            tell(new Elbv2Change.LoadBalancerRemoved(gone.loadBalancer()));
        }
    }

    /** A target group's targets with their health now; listeners hear it only when it differs from before. */
    public void setTargets(String targetGroupArn, List<LabCloud.TargetHealth> targets) {
        List<LabCloud.TargetHealth> copy = List.copyOf(targets);
        String loadBalancerArn;
        synchronized (this) {
            if (copy.equals(healthByGroup.put(targetGroupArn, copy))) {
                return;
            }
            loadBalancerArn = byArn.values().stream().flatMap(e -> e.targetGroups().stream())
                    .filter(g -> g.arn().equals(targetGroupArn)).map(LabCloud.TargetGroup::loadBalancerArn).findFirst().orElse("");
        }
        tell(new Elbv2Change.TargetHealthChanged(loadBalancerArn, targetGroupArn, copy));
    }

    private void tell(Elbv2Change change) {
        for (Consumer<Elbv2Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an ELBv2 change listener failed; it stays subscribed", e);
            }
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(byArn.values());
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
