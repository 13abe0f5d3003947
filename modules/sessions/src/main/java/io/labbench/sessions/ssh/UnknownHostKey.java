package io.labbench.sessions.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A host key not found in known_hosts, as the trust dialog shows it.
 *
 * @param hostEntry         how known_hosts names the host, e.g. {@code [127.0.0.1]:2222}
 * @param sha256Fingerprint OpenSSH style, e.g. {@code SHA256:Ab3…}
 * @param otherKeysKnown    keys of other types known_hosts already has for this host: the host is not new,
 *                          it now offers a key of a type it was not known by (OpenSSH warns about this too)
 */
public record UnknownHostKey(String endpointName, String hostEntry, String keyType, String sha256Fingerprint,
                             Path knownHostsFile, List<KnownHostsFile.KnownKey> otherKeysKnown) {

    public UnknownHostKey {
        otherKeysKnown = List.copyOf(otherKeysKnown);
    }

    public UnknownHostKey(String endpointName, String hostEntry, String keyType, String sha256Fingerprint, Path knownHostsFile) {
        this(endpointName, hostEntry, keyType, sha256Fingerprint, knownHostsFile, List.of());
    }

    /** The warning to show above the question when the host is known by keys of other types. */
    public Optional<String> warning() {
        if (otherKeysKnown.isEmpty()) {
            return Optional.empty();
        }
        String known = otherKeysKnown.stream()
                .map(k -> k.keyType() + " " + k.sha256Fingerprint() + " (line " + k.line() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("WARNING: " + hostEntry + " is already known by other keys: " + known + " in " + knownHostsFile
                + ". It now offers a " + keyType + " key instead. This happens when a host was rebuilt or its SSH server"
                + " reconfigured, but it is also what an attacker's server would do: check the new fingerprint with the"
                + " host's administrator before you accept it.");
    }
}
