/**
 * IAM for the AWS Load Balancer Controller and ExternalDNS: the plan of what will be created and
 * attached to kOps' {@code masters.<cluster>} and {@code nodes.<cluster>} roles, shown to the learner
 * for confirmation, and the step that carries out exactly that plan.
 */
package io.labbench.aws.iam;
