package io.labbench.sessions;

import java.time.Duration;

/**
 * Reads a small file on one endpoint, such as the kubeconfig kOps wrote on kops-ec2. For SSH endpoints
 * this is SFTP on the endpoint's shared connection: the bytes arrive as they are on disk, with no shell,
 * no login banner or profile output mixed in, and nothing echoed into a terminal or transcript.
 */
public interface RemoteFiles {

    /** The endpoint this reads from, e.g. {@code kops-ec2}. */
    String endpointName();

    /**
     * Reads the whole file.
     *
     * @param path     absolute, or relative to the login directory ({@code ~/.kube/config} and {@code .kube/config} are the same)
     * @param maxBytes a larger file is refused rather than read
     * @throws RemoteFileException with a {@link RemoteFileException.Reason} and a message that never quotes the file
     */
    byte[] read(String path, int maxBytes, Duration timeout) throws RemoteFileException;
}
