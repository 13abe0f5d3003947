/**
 * What the lab leaves running in the learner's account and what it costs per hour: the stack, the
 * cluster's instances, NLBs and volumes, priced from a shipped on-demand table, so the app can warn
 * before the learner walks away from a running cluster.
 */
package io.labbench.aws.cost;
