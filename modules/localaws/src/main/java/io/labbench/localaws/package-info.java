/**
 * A local AWS: one loopback HTTP endpoint that speaks the AWS wire protocols the PKOS study and the
 * app use (EC2 and the other query-protocol services, S3 and Route 53 over REST-XML, ACM over JSON),
 * checks every request's SigV4 signature against a lab's own generated credentials, and answers from a
 * {@link io.labbench.localaws.state.LabCloud}: the live state of the lab that implements it. It knows
 * nothing of namespaces, SSH or Kubernetes, and imports neither JavaFX nor the AWS SDK.
 */
package io.labbench.localaws;
