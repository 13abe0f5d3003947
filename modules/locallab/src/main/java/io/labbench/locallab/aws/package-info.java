/**
 * The lab's own AWS: {@link io.labbench.locallab.aws.LabAws} starts the local AWS endpoint
 * ({@code modules/localaws}) on the lab's live state ({@link io.labbench.locallab.aws.LabCloudView}),
 * relays it into kops-ec2, and puts the real AWS CLI (through a wrapper) and a {@code kops} on kops-ec2's
 * PATH; {@link io.labbench.locallab.aws.KopsApi} answers that {@code kops} from the running cluster.
 * {@link io.labbench.locallab.aws.LabCloudNames} gives the VPC resolver the state's load balancer names and
 * Route 53 records.
 */
package io.labbench.locallab.aws;
