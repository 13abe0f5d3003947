package io.labbench.locallab;

import io.labbench.locallab.settings.LabSettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files a lab keeps in its folder: {@code state.json}, written before anything is created so a
 * crash mid-way is found on the next start, and {@code status.json}, written once the lab is up.
 */
public final class LabStateFile {

    /**
     * @param ownerPid       the JVM that runs the lab
     * @param holderPid      the rootless helper holding the user namespace (0 as root)
     * @param userNamespace  {@code user:[…]} of the helper, to find its processes after a crash
     */
    public record State(String prefix, long ownerPid, boolean rootless, long holderPid, String userNamespace,
                        String phase, long startedAtMillis) {
    }

    /**
     * Made on first use: building an ObjectMapper costs a cold JVM 0.2 to 0.8 s, and {@code lab up}'s
     * command line needs none while no lab runs (see {@code LabDaemonLauncher.launch}).
     */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private LabStateFile() {
    }

    public static Path stateFile(LabSettings settings) {
        return settings.labDir().resolve("state.json");
    }

    public static Path statusFile(LabSettings settings) {
        return settings.labDir().resolve("status.json");
    }

    static void writeState(LabSettings settings, State state) throws IOException {
        writeAtomically(stateFile(settings), Mapper.JSON.writeValueAsString(state));
    }

    public static Optional<State> readState(LabSettings settings) {
        return read(stateFile(settings), State.class);
    }

    static void writeStatus(LabSettings settings, LabStatus status) throws IOException {
        writeAtomically(statusFile(settings), Mapper.JSON.writeValueAsString(status));
    }

    public static Optional<LabStatus> readStatus(LabSettings settings) {
        return read(statusFile(settings), LabStatus.class);
    }

    /** A status as {@code status.json} holds it, e.g. the text {@code LabDaemonLauncher.launch} read. */
    public static LabStatus parseStatus(String json) throws IOException {
        return Mapper.JSON.readValue(json, LabStatus.class);
    }

    public static String toJson(Object value) {
        try {
            return Mapper.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Mapper.JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFileWriter.writeString(file, text);
    }
}
