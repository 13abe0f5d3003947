/**
 * The AWS backend: everything LabBench does against a learner's AWS account for the study's kOps
 * cluster, through the AWS SDK for Java v2 — the identity check, the kOps state bucket, the
 * CloudFormation one-click stack with live events, node discovery, the max-pods calculator, the NLB's
 * load balancers and target health, IAM policies for the controllers, Route 53 records, ACM
 * certificates, and a cost guard. Credentials always come from the SDK's default chain or a named
 * profile; this module never asks for, stores, logs or exports a secret key. No JavaFX here: the app
 * shows what these classes return.
 */
package io.labbench.aws;
