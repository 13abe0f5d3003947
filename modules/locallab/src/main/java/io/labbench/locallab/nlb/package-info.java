/**
 * The AWS Load Balancer Controller of the local lab: it watches {@code LoadBalancer} Services with the
 * controller's annotations, names and describes their NLBs as the real controller does, writes them
 * into the local AWS's ELBv2 state, and runs each NLB's data plane as real software — HAProxy in a
 * network namespace of its own with one address per AZ subnet — whose health checks decide the
 * targets' health. Bad annotations are answered with the controller's Warning events and log lines.
 */
package io.labbench.locallab.nlb;
