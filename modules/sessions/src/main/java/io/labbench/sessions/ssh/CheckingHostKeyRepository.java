package io.labbench.sessions.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JSch's host key check for one connection attempt: known keys pass, revoked ones are refused,
 * unknown ones go to the {@link HostKeyVerifier} (with the keys of other types the host is known by, if
 * any), changed ones are refused and remembered so the caller can report the known_hosts line. Used with {@code StrictHostKeyChecking=yes}, so JSch never adds keys by itself.
 */
final class CheckingHostKeyRepository implements HostKeyRepository {

    private final KnownHostsFile knownHosts;
    private final HostKeyVerifier verifier;
    private final String endpointName;
    private final Set<String> acceptedThisRun;
    private volatile Optional<ChangedHostKey> changed = Optional.empty();
    private volatile Optional<String> refusal = Optional.empty();

    CheckingHostKeyRepository(KnownHostsFile knownHosts, HostKeyVerifier verifier, String endpointName,
                              Set<String> acceptedThisRun) {
        this.knownHosts = knownHosts;
        this.verifier = verifier;
        this.endpointName = endpointName;
        this.acceptedThisRun = acceptedThisRun;
    }

    /** Set when the host's key did not match known_hosts. */
    Optional<ChangedHostKey> changed() {
        return changed;
    }

    /** Set when the user (or the lack of one) refused an unknown key, or saving it failed. */
    Optional<String> refusal() {
        return refusal;
    }

    @Override
    public int check(String hostEntry, byte[] key) {
        String fingerprint = HostKeys.sha256Fingerprint(key);
        KnownHostsFile.Lookup lookup = knownHosts.lookup(hostEntry, key);
        if (lookup instanceof KnownHostsFile.Lookup.Revoked r) {
            // As OpenSSH: a revoked key is refused whatever the user answered before, and never offered.
            refusal = Optional.of("REVOKED HOST KEY: " + hostEntry + " (endpoint " + endpointName + ") presented the "
                    + HostKeys.type(key) + " key " + fingerprint + ", which line " + r.line() + " of " + knownHosts.path()
                    + " marks @revoked. LabBench did not connect. Ask the host's administrator for its current key.");
            return NOT_INCLUDED;
        }
        if (lookup instanceof KnownHostsFile.Lookup.Known) {
            return OK;
        }
        if (lookup instanceof KnownHostsFile.Lookup.Changed c) {
            ChangedHostKey info = new ChangedHostKey(endpointName, hostEntry, HostKeys.type(key), fingerprint,
                    knownHosts.path(), c.line());
            changed = Optional.of(info);
            verifier.refusedChanged(info);
            return CHANGED;
        }
        String remembered = hostEntry + " " + fingerprint;
        if (acceptedThisRun.contains(remembered)) {
            return OK;
        }
        List<KnownHostsFile.KnownKey> otherTypes = ((KnownHostsFile.Lookup.Unknown) lookup).otherTypes();
        HostKeyDecision decision = verifier.decideUnknown(
                new UnknownHostKey(endpointName, hostEntry, HostKeys.type(key), fingerprint, knownHosts.path(), otherTypes));
        switch (decision) {
            case ACCEPT_ALWAYS -> {
                try {
                    knownHosts.append(hostEntry, key);
                } catch (IOException e) {
                    refusal = Optional.of("could not add " + hostEntry + " to " + knownHosts.path() + " (" + e.getMessage()
                            + "); check that the folder is writable");
                    return NOT_INCLUDED;
                }
                acceptedThisRun.add(remembered);
                return OK;
            }
            case ACCEPT_ONCE -> {
                acceptedThisRun.add(remembered);
                return OK;
            }
            default -> {
                refusal = Optional.of("the host key of " + hostEntry + " (" + fingerprint + ") was not trusted;"
                        + " connect again to be asked once more");
                return NOT_INCLUDED;
            }
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Never called with StrictHostKeyChecking=yes: additions go through check() and the verifier.
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.path().toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return toHostKeys(knownHosts.entries(), null, null);
    }

    /** Also what JSch asks to put the host's known key types first in its offer, as OpenSSH does. */
    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<KnownHostsFile.Line> entries = host == null ? knownHosts.entries() : knownHosts.entriesFor(host);
        return toHostKeys(entries, host, type);
    }

    private static HostKey[] toHostKeys(List<KnownHostsFile.Line> entries, String host, String type) {
        List<HostKey> keys = new ArrayList<>();
        for (KnownHostsFile.Line entry : entries) {
            if (!entry.plainKey() || (type != null && !type.equals(entry.keyType()))) {
                continue;
            }
            try {
                keys.add(new HostKey(host != null ? host : entry.hosts(), HostKey.GUESS, entry.key()));
            } catch (JSchException e) {
                // A key type JSch does not know cannot be preferred; it is still checked by check().
            }
        }
        return keys.toArray(new HostKey[0]);
    }
}
