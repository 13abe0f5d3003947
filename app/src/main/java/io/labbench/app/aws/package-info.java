/**
 * The AWS backend's screens: account and region with an identity check, the state bucket, the
 * CloudFormation stack form with live creation progress, the cluster's nodes, the max-pods
 * calculator, load balancers with live target health, a per-target connections histogram and the
 * distribution test, Route 53 records, ACM
 * certificates and the cost guard. Views bind to view-models; view-models call {@code io.labbench.aws}
 * on a background executor and publish results on the JavaFX thread.
 */
package io.labbench.app.aws;
