/**
 * The NLB section: load balancers, listeners, target groups and target health as a live view, and the
 * study's load-distribution check (a hundred requests to the NLB, counted by the pod that answered).
 */
package io.labbench.aws.elb;
