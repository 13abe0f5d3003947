package io.labbench.aws.cost;

/** Something of the lab that costs money while it exists. */
public record RunningResource(Kind kind, String id, String detail, double usdPerHour) {

    public enum Kind { STACK, INSTANCE, LOAD_BALANCER, VOLUME }
}
