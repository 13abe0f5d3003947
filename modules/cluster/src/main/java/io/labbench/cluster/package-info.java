/**
 * What every layer of LabBench knows about the study's cluster, whatever runs it: which backend hosts
 * it ({@link io.labbench.cluster.Backend}: the embedded local lab or a kOps cluster on AWS) and, in
 * {@link io.labbench.cluster.vpccni}, how the AWS VPC CNI sizes its nodes. The lab model, workspaces,
 * the AWS backend and the local lab share these types, so each fact has one copy. Plain Java with no
 * dependencies: nothing of the AWS SDK, Kubernetes, SSH or JavaFX.
 */
package io.labbench.cluster;
