package io.labbench.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Which account and region the workspace talks to. {@code profile} empty means the SDK's default
 * credential chain; {@code endpointOverride} is for tests, which point every client at a local server.
 */
public record AwsSettings(Optional<String> profile, String region, Optional<URI> endpointOverride) {

    /** The study runs in us-east-1. */
    public static final String STUDY_REGION = "us-east-1";

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS region is required, e.g. " + STUDY_REGION);
        }
    }

    public static AwsSettings defaults() {
        return new AwsSettings(Optional.empty(), STUDY_REGION, Optional.empty());
    }

    public AwsSettings withEndpoint(URI endpoint) {
        return new AwsSettings(profile, region, Optional.of(endpoint));
    }
}
