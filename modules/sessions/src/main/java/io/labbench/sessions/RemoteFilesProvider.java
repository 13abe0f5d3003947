package io.labbench.sessions;

import java.util.Optional;

/** Finds the file reader of a named endpoint ({@code kops-ec2}, …); empty when the workspace has no such endpoint. */
@FunctionalInterface
public interface RemoteFilesProvider {
    Optional<RemoteFiles> files(String endpointName);
}
