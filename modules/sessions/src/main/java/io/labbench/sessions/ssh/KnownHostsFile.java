package io.labbench.sessions.ssh;

import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * An OpenSSH known_hosts file, read fresh on each check so edits made while the app runs count. Keys
 * and hashed names ({@code |1|salt|hash}) are read by MINA SSHD ({@link PublicKeyEntry},
 * {@link KnownHostHashValue}); host patterns ({@code *}, {@code ?}, {@code !}, {@code [host]:port}) are
 * matched as OpenSSH matches them ({@link HostPatternList}); {@code @revoked} and {@code @cert-authority}
 * markers are read. On top it makes OpenSSH's decisions (sshconnect.c): a revoked key is refused outright, a key of a type
 * already known for the host but with other bits is a changed key, and an unknown key of a new type is
 * reported with the keys the host is known by. It also keeps line numbers, so a warning can name the
 * line to delete. Lines it cannot parse, or whose key is not a whole key of the type they name (a line
 * cut by a crash), are skipped, as OpenSSH skips them.
 */
public final class KnownHostsFile {

    /**
     * One parsed line: its number, its marker ({@code revoked}, {@code cert-authority} or none), its host
     * field (patterns, or a hashed name MINA's {@link KnownHostHashValue} checks) and its key, parsed by
     * MINA's {@link PublicKeyEntry}.
     */
    record Line(int number, Optional<String> marker, String hosts, Optional<KnownHostHashValue> hashed, PublicKeyEntry keyEntry) {
        String keyType() {
            return keyEntry.getKeyType();
        }

        byte[] key() {
            return keyEntry.getKeyData();
        }

        boolean revoked() {
            return marker.filter("revoked"::equals).isPresent();
        }

        /** A host's own key (no marker); {@code @cert-authority} lines vouch for certificates, which LabBench does not use. */
        boolean plainKey() {
            return marker.isEmpty();
        }

        boolean matches(String hostEntry) {
            if (hashed.isPresent()) {
                HostAndPort host = HostAndPort.parse(hostEntry);
                return hashed.get().isHostMatch(host.host(), host.port());
            }
            return HostPatternList.matches(hosts, hostEntry);
        }
    }

    /** A key known_hosts has for a host, as a warning lists it. */
    public record KnownKey(String keyType, String sha256Fingerprint, int line) {
    }

    /** Result of looking a presented key up, in OpenSSH's order of precedence. */
    sealed interface Lookup {
        /** The key is on a {@code @revoked} line that applies to this host: never connect. */
        record Revoked(int line) implements Lookup {
        }

        record Known() implements Lookup {
        }

        /** The host is known with a key of this type, and it is another key. */
        record Changed(int line) implements Lookup {
        }

        /** No key of this type is known for the host; {@code otherTypes} lists the keys it is known by (may be none). */
        record Unknown(List<KnownKey> otherTypes) implements Lookup {
        }
    }

    private final Path file;

    public KnownHostsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    Lookup lookup(String hostEntry, byte[] presentedKey) {
        String type = HostKeys.type(presentedKey);
        List<Line> forHost = entriesFor(hostEntry);
        for (Line line : forHost) {
            if (line.revoked() && Arrays.equals(line.key(), presentedKey)) {
                return new Lookup.Revoked(line.number());
            }
        }
        Optional<Line> sameType = Optional.empty();
        List<KnownKey> otherTypes = new ArrayList<>();
        for (Line line : forHost) {
            if (!line.plainKey()) {
                continue;
            }
            if (!line.keyType().equals(type)) {
                otherTypes.add(new KnownKey(line.keyType(), HostKeys.sha256Fingerprint(line.key()), line.number()));
            } else if (Arrays.equals(line.key(), presentedKey)) {
                return new Lookup.Known();
            } else if (sameType.isEmpty()) {
                sameType = Optional.of(line);
            }
        }
        return sameType.<Lookup>map(line -> new Lookup.Changed(line.number())).orElse(new Lookup.Unknown(List.copyOf(otherTypes)));
    }

    /** The lines that apply to {@code hostEntry} ({@code host} or {@code [host]:port}). */
    List<Line> entriesFor(String hostEntry) {
        return entries().stream().filter(line -> line.matches(hostEntry)).toList();
    }

    /**
     * Adds a line for the host. The file is re-read and rewritten whole under a lock other LabBench
     * windows and threads respect ({@link AtomicFileWriter#update}), so two hosts accepted at the same
     * moment both keep their line, and a crash mid-append leaves the file as it was, never with a cut
     * line that would make the next connection look like a changed key. Mode 600, a missing folder 700.
     */
    public void append(String hostEntry, byte[] key) throws IOException {
        byte[] line = (hostEntry + " " + HostKeys.type(key) + " " + Base64.getEncoder().encodeToString(key) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicFileWriter.update(file, existing -> {
            boolean needsNewline = existing.length > 0 && existing[existing.length - 1] != '\n';
            byte[] next = Arrays.copyOf(existing, existing.length + (needsNewline ? 1 : 0) + line.length);
            if (needsNewline) {
                next[existing.length] = '\n';
            }
            System.arraycopy(line, 0, next, next.length - line.length, line.length);
            return next;
        });
    }

    /** Every line MINA could parse, with its line number; an unreadable file counts as empty, as in OpenSSH. */
    List<Line> entries() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<Line> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            parse(i + 1, text).ifPresent(entries::add);
        }
        return entries;
    }

    /** A line as {@code [@marker] hosts keytype base64 [comment]}; empty when it is not a usable line. */
    private static Optional<Line> parse(int number, String text) {
        String[] tokens = text.split("\\s+");
        Optional<String> marker = tokens[0].startsWith("@") ? Optional.of(tokens[0].substring(1)) : Optional.empty();
        int first = marker.isPresent() ? 1 : 0;
        if (tokens.length < first + 3) {
            return Optional.empty();
        }
        String hosts = tokens[first];
        try {
            Optional<KnownHostHashValue> hashed = hosts.startsWith("|")
                    ? Optional.ofNullable(KnownHostHashValue.parse(hosts)) : Optional.empty();
            PublicKeyEntry key = PublicKeyEntry.parsePublicKeyEntry(tokens[first + 1] + " " + tokens[first + 2]);
            if (key == null || key.getKeyData() == null || !HostKeys.wellFormed(key.getKeyData(), key.getKeyType())) {
                return Optional.empty();
            }
            return Optional.of(new Line(number, marker, hosts, hashed, key));
        } catch (RuntimeException damaged) {
            // A damaged line cannot vouch for any host; skip it as OpenSSH does.
            return Optional.empty();
        }
    }

    /** How JSch names the host it connects to: {@code host} for port 22, {@code [host]:port} otherwise. */
    record HostAndPort(String host, int port) {
        static HostAndPort parse(String hostEntry) {
            if (hostEntry.startsWith("[")) {
                int close = hostEntry.indexOf("]:");
                if (close > 0) {
                    try {
                        return new HostAndPort(hostEntry.substring(1, close), Integer.parseInt(hostEntry.substring(close + 2)));
                    } catch (NumberFormatException e) {
                        // Not a port after all: treat the whole text as a name.
                    }
                }
            }
            return new HostAndPort(hostEntry, 22);
        }
    }
}
