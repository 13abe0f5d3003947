/**
 * What the learner's own network looks like from AWS: the public IPv4 address their traffic leaves
 * from, which the study's stack uses to allow SSH only from that one address.
 */
package io.labbench.aws.net;
