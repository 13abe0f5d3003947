package io.labbench.watch.layout;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.labbench.storage.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the dock layout file; a damaged file gives an empty dock and says why, never a crash. */
public final class DockLayoutStore {

    /** The layout read, and what was wrong with the file if it could not be used. */
    public record Loaded(DockLayout layout, Optional<String> problem) {
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DockLayoutStore(Path file) {
        this.file = file;
    }

    /** The layout file inside a settings folder such as {@code AppDirs.config()}. */
    public static DockLayoutStore inConfigFolder(Path configFolder) {
        return new DockLayoutStore(configFolder.resolve("watch-dock.json"));
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(DockLayout.empty(), Optional.empty());
        }
        try {
            DockLayout layout = json.readValue(file.toFile(), DockLayout.class);
            return new Loaded(layout, Optional.empty());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            return new Loaded(DockLayout.empty(), Optional.of(file + where + ": not a watch dock layout ("
                    + e.getOriginalMessage() + "); starting with an empty dock, the file will be rewritten"));
        } catch (IOException e) {
            return new Loaded(DockLayout.empty(), Optional.of("Could not read " + file + ": " + e.getMessage()
                    + "; starting with an empty dock"));
        }
    }

    /** Writes with {@link AtomicFileWriter}, so a crash mid-write leaves the old layout or the new one. */
    public void save(DockLayout layout) throws IOException {
        AtomicFileWriter.write(file, json.writeValueAsBytes(layout));
    }
}
