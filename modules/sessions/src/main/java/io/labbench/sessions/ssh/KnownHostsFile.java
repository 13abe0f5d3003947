package io.labbench.sessions.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file, read fresh on each check so edits made while the app runs count.
 * Unlike JSch's own reader it remembers line numbers, so a changed key can name the line to delete.
 * Understands plain and hashed ({@code |1|salt|hash}) host fields and comma-separated names; lines with
 * markers ({@code @cert-authority}, {@code @revoked}) are ignored.
 */
public final class KnownHostsFile {

    /** One usable line. */
    record Entry(int line, List<String> hostPatterns, String keyType, byte[] key) {
        boolean matches(String hostEntry) {
            for (String pattern : hostPatterns) {
                if (pattern.startsWith("|1|") ? hashedMatches(pattern, hostEntry) : pattern.equals(hostEntry)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Result of looking a presented key up. */
    sealed interface Lookup {
        record Known() implements Lookup {
        }

        record Unknown() implements Lookup {
        }

        record Changed(int line) implements Lookup {
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
        Optional<Entry> sameType = Optional.empty();
        for (Entry entry : entries()) {
            if (!entry.matches(hostEntry) || !entry.keyType().equals(type)) {
                continue;
            }
            if (Arrays.equals(entry.key(), presentedKey)) {
                return new Lookup.Known();
            }
            if (sameType.isEmpty()) {
                sameType = Optional.of(entry);
            }
        }
        return sameType.<Lookup>map(entry -> new Lookup.Changed(entry.line())).orElse(new Lookup.Unknown());
    }

    List<Entry> entriesFor(String hostEntry) {
        return entries().stream().filter(e -> e.matches(hostEntry)).toList();
    }

    /** Appends a line for the host, creating the file (mode 600 where possible) and folder if needed. */
    public synchronized void append(String hostEntry, byte[] key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String line = hostEntry + " " + HostKeys.type(key) + " " + Base64.getEncoder().encodeToString(key) + "\n";
        boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline();
        Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private boolean endsWithNewline() throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    List<Entry> entries() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 3) {
                continue;
            }
            try {
                byte[] key = Base64.getDecoder().decode(fields[2]);
                entries.add(new Entry(i + 1, List.of(fields[0].split(",")), fields[1], key));
            } catch (IllegalArgumentException e) {
                // A damaged line cannot vouch for any host; skip it as OpenSSH does.
            }
        }
        return entries;
    }

    private static boolean hashedMatches(String pattern, String hostEntry) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return Arrays.equals(expected, mac.doFinal(hostEntry.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
