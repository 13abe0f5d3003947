/**
 * The study's CloudFormation one-click stack (the bastion {@code kops-ec2} with its VPC): the shipped
 * template and its parameters, the form that checks what the learner typed against the template's own
 * constraints (masking NoEcho values such as the IAM secret key), and the deployment that creates or
 * deletes the stack and streams its events as it goes.
 */
package io.labbench.aws.cfn;
