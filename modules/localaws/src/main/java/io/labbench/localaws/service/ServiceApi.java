package io.labbench.localaws.service;

import io.labbench.localaws.AwsHttpRequest;
import io.labbench.localaws.AwsReply;

/** One emulated service, found by the service name in the request's SigV4 credential scope. */
public interface ServiceApi {

    /** The SigV4 signing name: {@code ec2}, {@code s3}, {@code sts}, {@code cloudformation}, … */
    String signingName();

    AwsReply handle(AwsHttpRequest request);
}
