package io.labbench.sessions.ssh;

import java.nio.file.Path;

/**
 * A host key not found in known_hosts, as the trust dialog shows it.
 *
 * @param hostEntry         how known_hosts names the host, e.g. {@code [127.0.0.1]:2222}
 * @param sha256Fingerprint OpenSSH style, e.g. {@code SHA256:Ab3…}
 */
public record UnknownHostKey(String endpointName, String hostEntry, String keyType, String sha256Fingerprint,
                             Path knownHostsFile) {
}
